using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace DailyPapers.Ingest;

/// <summary>
/// Cleaning shared by every parser: whitespace, arXiv categories (dates: <see cref="RecordDates"/>). Sources wrap lines and pad
/// with double spaces (the Kaggle snapshot keeps arXiv's raw 80-column layout), and mix subject-class
/// codes (MSC <c>68T45</c>, ACM <c>I.2.7</c>) into their category lists.
/// </summary>
public static partial class RecordText
{
    /// <summary>
    /// Collapses every run of whitespace to one space, drops control characters (PostgreSQL rejects
    /// NUL in text) and trims. Empty results become null: "this source says nothing".
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
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c))
            {
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    // Every character Clean would drop or turn into a space, except the plain space itself.
    private static readonly SearchValues<char> Unclean = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => c != ' ' && (char.IsWhiteSpace(c) || char.IsControl(c))).ToArray());

    // Most strings are already clean; a vectorized check first avoids a copy per field on large imports.
    private static bool IsAlreadyClean(string text) =>
        text[0] != ' ' && text[^1] != ' '
        && !text.AsSpan().ContainsAny(Unclean)
        && !text.Contains("  ", StringComparison.Ordinal);

    /// <summary>Cuts <paramref name="text"/> to a column's maximum length without splitting a surrogate pair.</summary>
    public static string Clip(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut].TrimEnd();
    }

    // arXiv archives, current and retired (https://arxiv.org/category_taxonomy and the old archive list).
    private static readonly HashSet<string> Archives = new(StringComparer.Ordinal)
    {
        "astro-ph", "cond-mat", "cs", "econ", "eess", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th",
        "math", "math-ph", "nlin", "nucl-ex", "nucl-th", "physics", "q-bio", "q-fin", "quant-ph", "stat",
        "acc-phys", "adap-org", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chao-dyn", "chem-ph", "cmp-lg",
        "comp-gas", "dg-ga", "funct-an", "mtrl-th", "patt-sol", "plasm-ph", "q-alg", "solv-int", "supr-con",
    };

    [GeneratedRegex(@"^(?<archive>[a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]+(?:-[a-z]+)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryShape();

    /// <summary>True for an arXiv category such as <c>cs.CV</c>, <c>hep-th</c> or <c>cond-mat.mtrl-sci</c>.</summary>
    public static bool IsArxivCategory(string category)
    {
        var match = CategoryShape().Match(category);
        return match.Success && Archives.Contains(match.Groups["archive"].Value);
    }

    /// <summary>The arXiv categories among <paramref name="raw"/>, in order, without duplicates; null when none.</summary>
    public static IReadOnlyList<string>? Categories(IEnumerable<string?>? raw)
    {
        if (raw is null)
        {
            return null;
        }
        List<string>? kept = null;
        foreach (var item in raw)
        {
            var category = item?.Trim();
            if (string.IsNullOrEmpty(category) || !IsArxivCategory(category))
            {
                continue;
            }
            kept ??= [];
            if (!kept.Contains(category))
            {
                kept.Add(category);
            }
        }
        return kept;
    }

    /// <summary>Cleaned, non-empty names in order; null when there are none.</summary>
    public static IReadOnlyList<string>? Names(IEnumerable<string?>? raw)
    {
        if (raw is null)
        {
            return null;
        }
        List<string>? names = null;
        foreach (var item in raw)
        {
            if (Clean(item) is { } name)
            {
                (names ??= []).Add(name);
            }
        }
        return names;
    }
}
