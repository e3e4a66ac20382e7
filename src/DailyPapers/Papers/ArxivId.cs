using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DailyPapers.Papers;

/// <summary>
/// arXiv identifiers in both schemes: new (<c>2405.15738</c>, <c>0704.0001</c>; 4 or 5 digits after
/// the dot) and old (<c>hep-th/9901001</c>, <c>math.GT/0309136</c>), with an optional version, and
/// as they appear in the wild: <c>arXiv:</c> prefixes, abs/pdf URLs, OAI identifiers.
/// </summary>
/// <remarks>
/// The one door for ids: routes, search, importers and harvesters all parse through
/// <see cref="TryParse(string?, out string?, out int?, out string?)"/>, which is total (it never
/// throws, whatever the string) and accepts ASCII only: .NET's <c>\d</c> also matches Arabic-Indic and
/// other Unicode digits, which would make <c>٢٥٠١.٠٥٠٠٢</c> a second spelling of a paper.
/// </remarks>
public static partial class ArxivId
{
    /// <summary>
    /// The highest version accepted. arXiv papers rarely pass a few dozen versions; three digits leave
    /// ample headroom, while a longer number is a typo or an attack, never a real version (and one past
    /// <see cref="int.MaxValue"/> once crashed every route that parsed it).
    /// </summary>
    public const int MaxVersion = 999;

    /// <summary>
    /// Longer text is not an id in any spelling: the longest prefix (26 characters) plus an old-style
    /// id with a subject class and a version is well under this.
    /// </summary>
    public const int MaxLength = 100;

    // [0-9], not \d: \d matches every Unicode decimal digit. No IgnoreCase: it would let the Kelvin sign match k.
    [GeneratedRegex(@"^(?<id>[0-9]{4}\.[0-9]{4,5})(?:v(?<v>[0-9]+))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NewStyle();

    [GeneratedRegex(@"^(?<archive>[a-zA-Z][a-zA-Z\-]*)(?<class>\.[a-zA-Z]{2})?/(?<num>[0-9]{7})(?:v(?<v>[0-9]+))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex OldStyle();

    /// <summary>The reason for text that has no id shape at all (rather than a flaw in one part).</summary>
    public const string Malformed = "not in either id scheme";

    private static readonly string[] Prefixes =
    [
        "https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/", "http://arxiv.org/pdf/",
        "https://www.arxiv.org/abs/", "http://www.arxiv.org/abs/", "https://export.arxiv.org/abs/", "http://export.arxiv.org/abs/",
        "https://www.arxiv.org/pdf/", "http://www.arxiv.org/pdf/",
        "https://huggingface.co/papers/", "http://huggingface.co/papers/", "huggingface.co/papers/",
        "arxiv.org/abs/", "arxiv.org/pdf/", "oai:arXiv.org:", "arXiv:",
    ];

    /// <summary>Parses an id in any accepted spelling into its versionless form and version.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, out int? version) =>
        TryParse(text, out id, out version, out _);

    /// <summary>
    /// Parses an id in any accepted spelling into its versionless form and version; otherwise says
    /// why the text is not one (a phrase such as "version v0 out of range (v1 to v999)").
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, out int? version, [NotNullWhen(false)] out string? reason)
    {
        id = null;
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "missing id";
            return false;
        }
        var s = text.Trim();
        if (s.Length > MaxLength)
        {
            reason = $"longer than {MaxLength} characters";
            return false;
        }
        if (s.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c)))
        {
            reason = "not ASCII digits (an arXiv id uses 0-9 only)";
            return false;
        }
        foreach (var prefix in Prefixes)
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..];
                // A URL copied from a browser may carry a query or a fragment (?context=cs.CL, #community).
                if (prefix.Contains('/', StringComparison.Ordinal) && s.IndexOfAny(['?', '#']) is >= 0 and var end)
                {
                    s = s[..end];
                }
                break;
            }
        }
        if (s.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            s = s[..^4];
        }
        s = s.TrimEnd('/');

        var match = NewStyle().Match(s);
        string parsed;
        if (match.Success)
        {
            parsed = match.Groups["id"].Value;
        }
        else
        {
            match = OldStyle().Match(s);
            if (!match.Success)
            {
                reason = Malformed;
                return false;
            }
            // Archive names are lower case (hep-th); subject classes upper case (math.GT).
            var subjectClass = match.Groups["class"].Success ? match.Groups["class"].Value.ToUpperInvariant() : "";
            parsed = match.Groups["archive"].Value.ToLowerInvariant() + subjectClass + "/" + match.Groups["num"].Value;
        }
        if (match.Groups["v"].Success)
        {
            if (!TryReadVersionDigits(match.Groups["v"].ValueSpan, out var number))
            {
                reason = $"version v{Shorten(match.Groups["v"].Value)} out of range (v1 to v{MaxVersion})";
                return false;
            }
            version = number;
        }
        id = parsed;
        reason = null;
        return true;
    }

    /// <summary>
    /// A version number as sources write it apart from the id (<c>"v2"</c> in arXivRaw and the Kaggle
    /// snapshot): <c>v</c> and ASCII digits, 1 to <see cref="MaxVersion"/>.
    /// </summary>
    public static bool TryParseVersion(string? text, out int version)
    {
        version = 0;
        return text is ['v', .. var digits] && TryReadVersionDigits(digits, out version);
    }

    // Digits only, and at most three of them, so the number cannot overflow whatever the input.
    private static bool TryReadVersionDigits(ReadOnlySpan<char> digits, out int version)
    {
        version = 0;
        if (digits.Length is 0 or > 3)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            version = version * 10 + (c - '0');
        }
        return version is >= 1 and <= MaxVersion;
    }

    private static string Shorten(string digits) => digits.Length <= 20 ? digits : digits[..17] + "...";

    /// <summary>The versionless id, or null when <paramref name="text"/> is not an arXiv id.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var id, out _) ? id : null;

    public static string AbsUrl(string id) => "https://arxiv.org/abs/" + id;
    public static string PdfUrl(string id) => "https://arxiv.org/pdf/" + id;
}
