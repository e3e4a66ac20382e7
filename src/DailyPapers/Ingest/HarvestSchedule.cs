using System.Globalization;

namespace DailyPapers.Ingest;

/// <summary>
/// When a source is harvested by the site: <c>off</c>, <c>every 6h</c> (also <c>30m</c>, <c>1d</c> or
/// <c>every 06:00:00</c>), or <c>daily 03:17</c> (UTC). Due is decided from the last run stored in
/// the database, not from this node's memory, so a cluster runs each period once and a restarted
/// node does not run again early.
/// </summary>
public sealed record HarvestSchedule
{
    private HarvestSchedule(TimeSpan? interval, TimeOnly? timeOfDay) => (Interval, TimeOfDay) = (interval, timeOfDay);

    public static readonly HarvestSchedule Off = new(null, null);

    /// <summary>Shortest interval: a harvest of arXiv takes minutes, and its own requests wait 3 s apart.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    public TimeSpan? Interval { get; }

    /// <summary>Time of day, UTC, of a daily schedule.</summary>
    public TimeOnly? TimeOfDay { get; }

    public bool IsOff => Interval is null && TimeOfDay is null;

    public static HarvestSchedule Every(TimeSpan interval) => new(interval, null);

    public static HarvestSchedule Daily(TimeOnly timeOfDay) => new(null, timeOfDay);

    /// <summary>
    /// Whether a run is due at <paramref name="now"/> after one that started at <paramref name="lastRun"/>.
    /// A source that never ran on this database is due at once. A daily schedule is due once its time
    /// today (or yesterday's, before it) has passed since the last run, so a site down at 03:17 harvests when it is back.
    /// </summary>
    public bool IsDue(DateTimeOffset? lastRun, DateTimeOffset now)
    {
        if (IsOff)
        {
            return false;
        }
        if (lastRun is not { } last)
        {
            return true;
        }
        if (Interval is { } interval)
        {
            return now >= last + interval;
        }
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(TimeOfDay!.Value), TimeSpan.Zero);
        var latest = today <= now ? today : today.AddDays(-1);
        return last < latest;
    }

    /// <summary>Reads a schedule; false with a message naming <paramref name="key"/> when the text is not one.</summary>
    public static bool TryParse(string? text, string key, out HarvestSchedule schedule, out string? error)
    {
        (schedule, error) = (Off, null);
        var words = (text ?? "").Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case [] or ["off"]:
                return true;
            case ["every", var span] when ReadInterval(span) is { } interval && interval >= MinInterval:
                schedule = Every(interval);
                return true;
            case ["daily", var time] when TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at):
                schedule = Daily(at);
                return true;
            default:
                error = $"{key}: '{text}' is not a schedule: use off, every 6h (30m, 1d, 06:00:00; at least a minute) or daily HH:MM (UTC).";
                return false;
        }
    }

    private static TimeSpan? ReadInterval(string text)
    {
        if (text.Length > 1 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            switch (text[^1])
            {
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) ? span : null;
    }
}
