using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DailyPapers.Papers;

/// <summary>
/// arXiv identifiers in both schemes: new (<c>2405.15738</c>, <c>0704.0001</c>; 4 or 5 digits after
/// the dot) and old (<c>hep-th/9901001</c>, <c>math.GT/0309136</c>), with an optional version, and
/// as they appear in the wild: <c>arXiv:</c> prefixes, abs/pdf URLs, OAI identifiers.
/// </summary>
public static partial class ArxivId
{
    [GeneratedRegex(@"^(?<id>\d{4}\.\d{4,5})(?:v(?<v>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NewStyle();

    [GeneratedRegex(@"^(?<archive>[a-zA-Z][a-zA-Z\-]*)(?<class>\.[a-zA-Z]{2})?/(?<num>\d{7})(?:v(?<v>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OldStyle();

    private static readonly string[] Prefixes =
    [
        "https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/", "http://arxiv.org/pdf/",
        "https://www.arxiv.org/abs/", "http://www.arxiv.org/abs/", "https://export.arxiv.org/abs/", "http://export.arxiv.org/abs/",
        "arxiv.org/abs/", "arxiv.org/pdf/", "oai:arXiv.org:", "arXiv:",
    ];

    /// <summary>Parses an id in any accepted spelling into its versionless form and version.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, out int? version)
    {
        id = null;
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        foreach (var prefix in Prefixes)
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..];
                break;
            }
        }
        if (s.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            s = s[..^4];
        }
        s = s.TrimEnd('/');

        var match = NewStyle().Match(s);
        if (match.Success)
        {
            id = match.Groups["id"].Value;
        }
        else
        {
            match = OldStyle().Match(s);
            if (!match.Success)
            {
                return false;
            }
            // Archive names are lower case (hep-th); subject classes upper case (math.GT).
            var subjectClass = match.Groups["class"].Success ? match.Groups["class"].Value.ToUpperInvariant() : "";
            id = match.Groups["archive"].Value.ToLowerInvariant() + subjectClass + "/" + match.Groups["num"].Value;
        }
        if (match.Groups["v"].Success)
        {
            version = int.Parse(match.Groups["v"].Value, CultureInfo.InvariantCulture);
        }
        return true;
    }

    /// <summary>The versionless id, or null when <paramref name="text"/> is not an arXiv id.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var id, out _) ? id : null;

    public static string AbsUrl(string id) => "https://arxiv.org/abs/" + id;
    public static string PdfUrl(string id) => "https://arxiv.org/pdf/" + id;
}
