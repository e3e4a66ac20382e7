using System.Globalization;

namespace DailyPapers.Web;

/// <summary>How the pages write numbers, dates and excerpts: one fixed (English) culture, whatever the server's.</summary>
public static class Display
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Number(int value) => value.ToString("#,0", Culture);

    /// <summary>"1 paper", "2 papers", "1,204 papers".</summary>
    public static string Count(int value, string singular, string plural) =>
        Number(value) + " " + (value == 1 ? singular : plural);

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", Culture);

    public static string Date(DateTime date) => date.ToString("MMM d, yyyy", Culture);

    /// <summary>Machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", Culture);

    public static string IsoDate(DateTime date) => date.ToString("yyyy-MM-dd", Culture);

    /// <summary>Whitespace collapsed and cut at a word boundary to at most <paramref name="maxLength"/> characters, with "…" when cut.</summary>
    public static string Excerpt(string? text, int maxLength)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var collapsed = string.Join(' ', words);
        if (collapsed.Length <= maxLength)
        {
            return collapsed;
        }
        var cut = collapsed.LastIndexOf(' ', maxLength - 1);
        return (cut > 0 ? collapsed[..cut] : collapsed[..(maxLength - 1)]).TrimEnd(',', ';', ':', '.') + "…";
    }
}
