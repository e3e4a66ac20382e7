using System.Buffers;
using System.Text;

namespace DailyPapers.Papers;

/// <summary>
/// The one door for text: every string that enters the catalog (importers, harvesters, forms) and
/// every search query passes <see cref="Clean"/>, so nothing downstream (Lucene analysis, Unicode
/// normalization, Razor, Atom's XmlWriter, JSON, email) meets a character it cannot take.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// Collapses every run of whitespace (newlines and tabs included) to one space and trims; drops
    /// control characters (PostgreSQL rejects NUL in text, XML 1.0 every C0 control but tab and
    /// newline), unpaired surrogates (not UTF-8-encodable) and noncharacters (U+FFFE, U+FFFF,
    /// U+FDD0..U+FDEF and the last two code points of every plane: <see cref="string.Normalize()"/>
    /// and XmlWriter throw on them). Never throws; idempotent; empty results become null ("this
    /// source says nothing").
    /// </summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (IsAlreadyClean(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            var width = CharsToKeep(text, i);
            if (width == 0)
            {
                // A pair whose code point is dropped is skipped whole.
                i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 1 : 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(text, i, width);
            i += width - 1;
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>True when <paramref name="codePoint"/> is one of Unicode's 66 noncharacters.</summary>
    public static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> chars without splitting a surrogate pair.</summary>
    public static string Clip(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut].TrimEnd();
    }

    // How many chars at text[i] form a code point that is kept: 1, 2 (a valid pair) or 0 (dropped).
    private static int CharsToKeep(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return 0;
            }
            return IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])) ? 0 : 2;
        }
        return char.IsLowSurrogate(c) || char.IsControl(c) || IsNoncharacter(c) ? 0 : 1;
    }

    // Every char that Clean might drop or turn into a space, except the plain space itself. Surrogates
    // are here because a pair must be checked as a whole; text outside the BMP takes the slow path.
    private static readonly SearchValues<char> Unclean = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(i => (char)i)
            .Where(c => c != ' ' && (char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || IsNoncharacter(c)))
            .ToArray());

    // Most strings are already clean; a vectorized check first avoids a copy per field on large imports.
    private static bool IsAlreadyClean(string text) =>
        text[0] != ' ' && text[^1] != ' '
        && !text.AsSpan().ContainsAny(Unclean)
        && !text.Contains("  ", StringComparison.Ordinal);
}
