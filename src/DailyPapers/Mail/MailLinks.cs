using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// Absolute links for emails, always from the configured public address (<c>Site:BaseUrl</c>),
/// never from the request that happened to queue the message: a forged Host header must not end
/// up in a link mailed to someone else. Unset, it is the address the site serves on by default.
/// </summary>
public sealed class MailLinks(IOptions<SiteOptions> site)
{
    public Uri BaseUrl { get; } = site.Value.BaseUri;

    /// <summary>The host that names this site in Message-IDs and List-Id.</summary>
    public string Host => BaseUrl.Host;

    public string Confirm(string token) => Absolute("/subscribe/confirm", token);

    public string Preferences(string token) => Absolute("/preferences", token);

    public string Unsubscribe(string token) => Absolute("/unsubscribe", token);

    /// <summary>Any site path (with its query) as an absolute URL: paper pages, feeds, the preview.</summary>
    public string Page(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    private string Absolute(string path, string token) =>
        new Uri(BaseUrl, path + "?token=" + Uri.EscapeDataString(token)).AbsoluteUri;
}

/// <summary>Section <c>Site</c>.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The fallback when <see cref="BaseUrl"/> is unset: what <c>dotnet run</c> serves on.</summary>
    public const string DefaultBaseUrl = "http://localhost:5000/";

    /// <summary>The site's public address, as readers reach it (https://papers.example.org/).</summary>
    public string? BaseUrl { get; set; }

    public Uri BaseUri
    {
        get
        {
            var text = string.IsNullOrWhiteSpace(BaseUrl) ? DefaultBaseUrl : BaseUrl.TrimEnd('/') + "/";
            return new Uri(text, UriKind.Absolute);
        }
    }

    public static bool IsValid(SiteOptions options) =>
        string.IsNullOrWhiteSpace(options.BaseUrl)
        || (Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query));
}
