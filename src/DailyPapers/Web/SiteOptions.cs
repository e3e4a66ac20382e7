using Microsoft.Extensions.Options;

namespace DailyPapers.Web;

/// <summary>The site as the public sees it. Bound from the <c>Site</c> section.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The public address of the site's root, e.g. <c>https://papers.example.org</c> (a path such
    /// as <c>https://example.org/papers</c> is kept). When set, every absolute URL the site writes
    /// (Atom ids and links, <c>Link</c> headers, paper URLs in the API) starts with it, whatever
    /// Host header a client sent; unset, they follow the request's scheme and host.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The reverse proxies whose forwarded headers are read (<c>Site:ForwardedHeaders</c>); none by default.</summary>
    public TrustedProxies ForwardedHeaders { get; set; } = new();

    /// <summary>
    /// <see cref="BaseUrl"/> read as (scheme, host, path base): an absolute http or https URL without
    /// query, fragment or user name. The path base never ends in a slash.
    /// </summary>
    public static bool TryParseBaseUrl(string text, out (string Scheme, HostString Host, PathString PathBase) parts, out string error)
    {
        parts = default;
        error = "must be an absolute http or https URL without a query, a fragment or a user name";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }
        // Host | Port leaves out the scheme's default port, as a browser's address bar does.
        var host = HostString.FromUriComponent(uri.GetComponents(UriComponents.Host | UriComponents.Port, UriFormat.UriEscaped));
        var path = uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        parts = (uri.Scheme, host, path.Length == 0 ? PathString.Empty : PathString.FromUriComponent("/" + path));
        error = "";
        return true;
    }
}

/// <summary>Stops the app at start with the key and the value when <see cref="SiteOptions.BaseUrl"/> or the trusted proxies are not usable.</summary>
internal sealed class SiteOptionsValidator : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        if (options.BaseUrl is not null && !SiteOptions.TryParseBaseUrl(options.BaseUrl, out _, out var error))
        {
            return ValidateOptionsResult.Fail(
                $"{SiteOptions.Section}:BaseUrl {error}, such as https://papers.example.org; it is '{options.BaseUrl}'.");
        }
        return options.ForwardedHeaders.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
