using System.Globalization;

namespace DailyPapers.Papers;

/// <summary>
/// The one door for days written as text (<c>YYYY-MM-DD</c>): feed pages, the daily_papers API,
/// search filters, the CLI and every importer read days through <see cref="TryParse"/>.
/// </summary>
/// <remarks>
/// Total and strict: it never throws, takes exactly ten characters with ASCII digits (not the
/// Unicode digits <c>char.IsDigit</c> and <c>\d</c> accept), and a real calendar day in years 1 to
/// 9999. Whether such a day is plausible for a catalog is a separate rule (the import's day window).
/// </remarks>
public static class Days
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly day)
    {
        day = default;
        if (text is not { Length: 10 } || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var dayOfMonth)
            || year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    /// <summary>The day as <c>YYYY-MM-DD</c>, the form <see cref="TryParse"/> reads.</summary>
    public static string ToText(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }
}
