namespace DailyPapers.Papers;

/// <summary>Addresses of paper-related pages, and the checks that keep outside links safe to put in an href.</summary>
public static class PaperLinks
{
    /// <summary>
    /// Site path of a paper's page, as on Hugging Face: <c>/papers/2405.15738</c>. Old-style ids keep
    /// their slash (<c>/papers/hep-th/9901001</c>): the paper page route takes the rest of the path.
    /// </summary>
    public static string PagePath(string arxivId) => "/papers/" + arxivId;

    public static string AuthorPath(string name) => "/authors/" + Uri.EscapeDataString(name);

    public static string DoiUrl(string doi) =>
        "https://doi.org/" + string.Join('/', doi.Trim().Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// The URL if it is an absolute http(s) address, else null: imported code and project links come
    /// from outside, and a <c>javascript:</c> link would run script when clicked.
    /// </summary>
    public static string? ExternalOrNull(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    /// <summary>A short name for a code link: <c>github.com/owner/repo</c>.</summary>
    public static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host + uri.AbsolutePath).TrimEnd('/') : url;
}
