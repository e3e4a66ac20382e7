using System.Text;
using System.Text.RegularExpressions;

namespace DailyPapers.Ingest;

/// <summary>
/// The TeX that arXiv metadata uses in names: accent commands (<c>Bal\'azs</c>, <c>\v{S}koda</c>,
/// <c>{\"o}</c>) and special letters (<c>{\o}</c>, <c>\ss</c>). Only names are decoded; titles and
/// abstracts keep their TeX, which is maths more often than accents.
/// </summary>
internal static partial class TexNames
{
    private static readonly Dictionary<char, char> Accents = new()
    {
        ['\''] = '\u0301',
        ['`'] = '\u0300',
        ['^'] = '\u0302',
        ['"'] = '\u0308',
        ['~'] = '\u0303',
        ['='] = '\u0304',
        ['.'] = '\u0307',
        ['u'] = '\u0306',
        ['v'] = '\u030C',
        ['H'] = '\u030B',
        ['c'] = '\u0327',
        ['k'] = '\u0328',
        ['r'] = '\u030A',
    };

    private static readonly Dictionary<string, string> Letters = new(StringComparer.Ordinal)
    {
        ["ss"] = "ß",
        ["aa"] = "å",
        ["AA"] = "Å",
        ["ae"] = "æ",
        ["AE"] = "Æ",
        ["oe"] = "œ",
        ["OE"] = "Œ",
        ["o"] = "ø",
        ["O"] = "Ø",
        ["l"] = "ł",
        ["L"] = "Ł",
        ["i"] = "ı",
        ["j"] = "ȷ",
    };

    // Symbol accents may touch their letter (\'a); letter accents need braces or a space (\v{s}, \c c).
    [GeneratedRegex(@"\\(?:(?<acc>['`^""~=.])\s*(?:\{\s*(?<base>\\[ij]|[A-Za-z])\s*\}|(?<base>\\[ij]|[A-Za-z]))|(?<acc>[uvHckr])(?:\s*\{\s*(?<base>\\[ij]|[A-Za-z])\s*\}|\s+(?<base>\\[ij]|[A-Za-z])))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Accent();

    [GeneratedRegex(@"\\(?<name>ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|\s(?=[a-z]))?", RegexOptions.CultureInvariant)]
    private static partial Regex Letter();

    // A TeX tie (unbreakable space) is a tilde that is not an accent command.
    [GeneratedRegex(@"(?<!\\)~")]
    private static partial Regex Tie();

    public static string Decode(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal) && !text.Contains('{', StringComparison.Ordinal) && !text.Contains('~', StringComparison.Ordinal))
        {
            return text;
        }
        var decoded = Accent().Replace(text, match =>
        {
            var letter = match.Groups["base"].Value;
            // An accented dotless i or j is written on the plain letter in Unicode (í, not ı́).
            var plain = letter.Length == 2 ? letter[1..] : letter;
            return plain + Accents[match.Groups["acc"].Value[0]];
        });
        decoded = Letter().Replace(decoded, match => Letters[match.Groups["name"].Value]);
        decoded = Tie().Replace(decoded, " ");
        decoded = decoded.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
        return decoded.Normalize(NormalizationForm.FormC);
    }
}
