using System.Text;
using System.Text.RegularExpressions;

using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// Author names as arXiv's raw metadata writes them: one string (<c>A. One, B. Two, and C. Three</c>),
/// with affiliations in parentheses and TeX accents (<c>Bal\'azs</c>). The catalog keys authors by
/// name, so names are turned into what the person is called in Unicode.
/// </summary>
internal static partial class ArxivAuthors
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV",
    };

    [GeneratedRegex(@"\s+(?:and|&)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^(?:and|&)(?:\s+|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAnd();

    /// <summary>
    /// Splits on commas, semicolons, " and " and " &amp; " outside parentheses; drops the parenthesized
    /// affiliations; re-attaches a lone suffix (<c>Jr.</c>, <c>III</c>) to the name before it.
    /// </summary>
    public static IReadOnlyList<string>? Split(string? authors)
    {
        var text = SafeText.Clean(authors);
        if (text is null)
        {
            return null;
        }
        var names = new List<string>();
        foreach (var piece in SplitOutsideParentheses(text))
        {
            foreach (var part in AndSeparator().Split(LeadingAnd().Replace(piece.Trim(), "")))
            {
                var name = SafeText.Clean(Decode(part));
                if (name is null)
                {
                    continue;
                }
                if (Suffixes.Contains(name) && names.Count > 0)
                {
                    names[^1] += " " + name;
                }
                else
                {
                    names.Add(name);
                }
            }
        }
        return names.Count == 0 ? null : names;
    }

    /// <summary>A name from structured parts (OAI-PMH <c>arXiv</c> format): forenames, keyname, suffix.</summary>
    public static string? Join(string? forenames, string? keyname, string? suffix)
    {
        var parts = new[] { forenames, keyname, suffix }.Select(SafeText.Clean).Where(p => p is not null);
        return SafeText.Clean(Decode(string.Join(' ', parts)));
    }

    // Top-level separators only, and parenthesized text (affiliations) left out of the name.
    private static List<string> SplitOutsideParentheses(string text)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' or ';' when depth == 0:
                    pieces.Add(current.ToString());
                    current.Clear();
                    break;
                default:
                    if (depth == 0)
                    {
                        current.Append(c);
                    }
                    break;
            }
        }
        pieces.Add(current.ToString());
        return pieces;
    }

    /// <summary>TeX accents and letters in names (<c>\'a</c>, <c>\"{o}</c>, <c>{\o}</c>, <c>\ss</c>) to Unicode.</summary>
    public static string Decode(string text) => TexNames.Decode(text);
}
