using System.Buffers;
using System.Text.RegularExpressions;

namespace DailyPapers.Ingest;

/// <summary>
/// Finds a paper's code repository and project page in its abstract or comments, for sources that
/// do not list them ("Code is available at https://github.com/x/y."). Code means a GitHub, GitLab
/// or Hugging Face repository; a project page is a <c>*.github.io</c> site or a link the text calls
/// a project page, website or homepage. Other links (datasets, references, licences) are left alone.
/// </summary>
public static partial class ProjectLinks
{
    [GeneratedRegex(@"https?://[^\s<>""'{}\\|^`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemeUrl();

    // Code hosts are often written without a scheme ("github.com/x/y"); not when part of a longer URL.
    [GeneratedRegex(@"(?<![\w./@-])(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)/[^\s<>""'{}\\|^`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareCodeHostUrl();

    [GeneratedRegex(@"(?:project|paper)\s+(?:page|website|site|homepage)|web\s*page|website|homepage|project\s*:",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProjectCue();

    // How far before a link a cue such as "Project page:" may stand.
    private const int CueWindow = 40;

    public static (string? CodeUrl, string? ProjectUrl) Find(params string?[] texts)
    {
        string? code = null;
        string? project = null;
        foreach (var text in texts)
        {
            // Most abstracts hold no link at all; the regex need not scan them.
            if (string.IsNullOrEmpty(text) || !MayHoldLink(text))
            {
                continue;
            }
            foreach (var match in Links(text))
            {
                var url = TrimTrailing(match.Value);
                if (!Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url, UriKind.Absolute, out var uri))
                {
                    continue;
                }
                if (code is null && IsCodeRepository(uri))
                {
                    code = Canonical(uri);
                }
                else if (project is null && IsProjectPage(uri, text, match.Index))
                {
                    project = Canonical(uri);
                }
            }
            if (code is not null && project is not null)
            {
                break;
            }
        }
        return (code, project);
    }

    /// <summary>Links in text order; the scheme-less search only runs when a code host is named.</summary>
    private static List<Match> Links(string text)
    {
        var links = text.Contains("://", StringComparison.Ordinal) ? SchemeUrl().Matches(text).ToList() : [];
        if (NamesCodeHost(text))
        {
            links.AddRange(BareCodeHostUrl().Matches(text));
            links.Sort((a, b) => a.Index.CompareTo(b.Index));
        }
        return links;
    }

    private static readonly SearchValues<string> CodeHosts = SearchValues.Create(["github.com", "gitlab.com", "huggingface.co"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> LinkHints = SearchValues.Create(["://", "github.com", "gitlab.com", "huggingface.co"], StringComparison.OrdinalIgnoreCase);

    private static bool NamesCodeHost(string text) => text.AsSpan().ContainsAny(CodeHosts);

    // One vectorized pass over the text instead of one search per hint.
    private static bool MayHoldLink(string text) => text.AsSpan().ContainsAny(LinkHints);

    /// <summary>Drops sentence punctuation after a link, keeping a closing bracket that the link itself opened.</summary>
    public static string TrimTrailing(string url)
    {
        var end = url.Length;
        while (end > 0)
        {
            var c = url[end - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '*')
            {
                end--;
            }
            else if (c is ')' or ']' && Count(url.AsSpan(0, end), c == ')' ? '(' : '[') < Count(url.AsSpan(0, end), c))
            {
                end--;
            }
            else
            {
                break;
            }
        }
        return url[..end];
    }

    private static int Count(ReadOnlySpan<char> text, char c) => text.Count(c);

    private static bool IsCodeRepository(Uri uri)
    {
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (host.Equals("github.com", StringComparison.OrdinalIgnoreCase) || host.Equals("gitlab.com", StringComparison.OrdinalIgnoreCase))
        {
            // owner/repository at least; a bare user or organization page is not a repository.
            return segments.Length >= 2;
        }
        if (host.Equals("huggingface.co", StringComparison.OrdinalIgnoreCase))
        {
            // Models are owner/name; datasets and spaces carry a prefix. Papers and docs are not code.
            return segments.Length >= 2 && segments[0] is not ("papers" or "docs" or "blog" or "learn")
                && (segments[0] is not ("datasets" or "spaces") || segments.Length >= 3);
        }
        return false;
    }

    private static bool IsProjectPage(Uri uri, string text, int index)
    {
        if (uri.Host.EndsWith(".github.io", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (IsCodeRepository(uri) || uri.Host.EndsWith("arxiv.org", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith("doi.org", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var start = Math.Max(0, index - CueWindow);
        return ProjectCue().IsMatch(text.AsSpan(start, index - start));
    }

    /// <summary>https, no trailing slash, no <c>.git</c>: one spelling per repository.</summary>
    private static string Canonical(Uri uri)
    {
        var builder = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = -1 };
        var path = builder.Path.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }
        builder.Path = path;
        return builder.Uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Port, UriFormat.UriEscaped).TrimEnd('/');
    }
}
