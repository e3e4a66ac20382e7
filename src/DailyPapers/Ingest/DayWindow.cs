using DailyPapers.Papers;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>
/// The plausible days for a catalog, inclusive at both ends. Importers and harvesters reject a record
/// whose feed day or arXiv time falls outside it, with the reason; parsers receive it through
/// <see cref="ImportOptions"/>, so they hold no clock or configuration of their own.
/// </summary>
public sealed record DayWindow(DateOnly Earliest, DateOnly Latest)
{
    /// <summary>Every representable day: only for callers that write nothing to a catalog.</summary>
    public static DayWindow Any { get; } = new(DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>The configured window as of the clock's today (UTC).</summary>
    public static DayWindow Today(CatalogOptions options, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var ahead = Math.Clamp(options.DaysAhead, 0, DateOnly.MaxValue.DayNumber - today.DayNumber);
        return new(options.EarliestDay, today.AddDays(ahead));
    }

    public static DayWindow Today(IOptions<CatalogOptions> options, TimeProvider clock) => Today(options.Value, clock);

    public bool Contains(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>Null when <paramref name="day"/> is inside; otherwise the reason, naming the field.</summary>
    public string? Check(string field, DateOnly? day) =>
        day is not { } value || Contains(value) ? null : $"{field} {Days.ToText(value)} is outside the plausible days {this}";

    /// <summary>Null when the time's UTC day is inside; otherwise the reason, naming the field.</summary>
    public string? Check(string field, DateTime? time) =>
        time is not { } value || Contains(DateOnly.FromDateTime(value)) ? null
            : $"{field} {value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)} is outside the plausible days {this}";

    public override string ToString() => $"{Days.ToText(Earliest)} to {Days.ToText(Latest)}";
}
