using DailyPapers.Web;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// Absolute links for emails, always from the configured public address (<c>Site:BaseUrl</c>),
/// never from the request that happened to queue the message: a forged Host header must not end
/// up in a link mailed to someone else. Unset, it is the address the site serves on by default.
/// </summary>
public sealed class MailLinks(IOptions<SiteOptions> site)
{
    /// <summary>The fallback when <c>Site:BaseUrl</c> is unset: what <c>dotnet run</c> serves on.</summary>
    public const string DefaultBaseUrl = "http://localhost:5000";

    /// <summary>Scheme, host and path base, without a trailing slash.</summary>
    public string BaseUrl { get; } = Root(site.Value.BaseUrl);

    /// <summary>The host that names this site in Message-IDs and List-Id.</summary>
    public string Host => new Uri(BaseUrl).Host;

    public string Confirm(string token) => Absolute("/subscribe/confirm", token);

    public string Preferences(string token) => Absolute("/preferences", token);

    public string Unsubscribe(string token) => Absolute("/unsubscribe", token);

    /// <summary>Any site path (with its query, starting with '/') as an absolute URL: paper pages, feeds, the preview.</summary>
    public string Page(string pathAndQuery) => BaseUrl + pathAndQuery;

    private string Absolute(string path, string token) => BaseUrl + path + "?token=" + Uri.EscapeDataString(token);

    private static string Root(string? configured) =>
        configured is not null && SiteOptions.TryParseBaseUrl(configured, out var site, out _)
            ? $"{site.Scheme}://{site.Host.ToUriComponent()}{site.PathBase.ToUriComponent()}"
            : DefaultBaseUrl;
}
