using System.Text.RegularExpressions;
using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// Cleaning shared by every parser: text (through <see cref="SafeText"/>), arXiv categories (dates: <see cref="RecordDates"/>). Sources wrap lines and pad
/// with double spaces (the Kaggle snapshot keeps arXiv's raw 80-column layout), and mix subject-class
/// codes (MSC <c>68T45</c>, ACM <c>I.2.7</c>) into their category lists.
/// </summary>
public static partial class RecordText
{
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
            if (SafeText.Clean(item) is { } name)
            {
                (names ??= []).Add(name);
            }
        }
        return names;
    }
}
