using System.Diagnostics.Metrics;

namespace DailyPapers.Health;

/// <summary>
/// The app's own instruments, on one meter named <see cref="MeterName"/> that <c>/metrics</c>
/// exports next to ASP.NET Core's request metrics. The gauges read the snapshot the metrics
/// endpoint refreshed just before the scrape (<see cref="HealthMonitor"/>), so a scrape runs no
/// query of its own. Counters are process-wide, as the jobs they count are.
/// </summary>
public static class SiteMetrics
{
    public const string MeterName = "DailyPapers";

    // Job names as the counters' "job" tag carries them; a job that takes a lease is tagged with the lease's name.
    public const string SearchIndexJob = "search-index";
    public const string OutboxSenderJob = "outbox-sender";
    public const string DigestComposeJob = Jobs.JobNames.DigestCompose;

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "dailypapers.job.runs", "{run}", "Rounds of a background job, failed ones included (tag job).");

    private static readonly Counter<long> JobFailures = Meter.CreateCounter<long>(
        "dailypapers.job.failures", "{run}", "Rounds of a background job that ended in an error (tag job); the next round retries.");

    static SiteMetrics()
    {
        Meter.CreateObservableGauge("dailypapers.search.lag", () => Observe<long>(s => IndexMeasurements(s, lag => lag.Changes)),
            "{change}", "Change sequence numbers the node's search index has not taken in (tag index: keyword, vector).");
        Meter.CreateObservableGauge("dailypapers.search.lag_age", () => Observe<double>(s => IndexMeasurements(s, lag => lag.Age.TotalSeconds)),
            "s", "How long the oldest change the node's search index has not taken in has waited (tag index).");
        Meter.CreateObservableGauge("dailypapers.embedding.backlog", () => Observe<long>(s => s.EmbeddingBacklog is { } backlog ? [new Measurement<long>(backlog)] : []),
            "{paper}", "Papers without a current embedding for the configured model (counted at most every 15 s).");
        Meter.CreateObservableGauge("dailypapers.outbox.depth", () => Observe<long>(s => [new Measurement<long>(s.OutboxDepth)]),
            "{message}", "Outbox messages neither sent nor failed.");
        Meter.CreateObservableGauge("dailypapers.outbox.oldest_age", () => Observe<double>(s => [new Measurement<double>(s.OutboxOldestAge?.TotalSeconds ?? 0)]),
            "s", "How long the oldest unsent outbox message has waited (0 when none).");
        Meter.CreateObservableGauge("dailypapers.database.up", () => Observe<long>(s => [new Measurement<long>(s.DatabaseReachable ? 1 : 0)]),
            "", "1 when the database answered the last health read, 0 when it did not.");
    }

    /// <summary>Creates the instruments (the static constructor) before the first scrape.</summary>
    public static void EnsureCreated() => Meter.ToString();

    public static void JobRan(string job) => JobRuns.Add(1, new KeyValuePair<string, object?>("job", job));

    public static void JobFailed(string job) => JobFailures.Add(1, new KeyValuePair<string, object?>("job", job));

    private static List<Measurement<T>> Observe<T>(Func<HealthSnapshot, IEnumerable<Measurement<T>>> measure)
        where T : struct =>
        HealthMonitor.Live.Keys.Select(monitor => monitor.Latest).OfType<HealthSnapshot>().SelectMany(measure).ToList();

    private static IEnumerable<Measurement<T>> IndexMeasurements<T>(HealthSnapshot snapshot, Func<IndexLag, T> value)
        where T : struct
    {
        if (!snapshot.IndexesBuilt || !snapshot.DatabaseReachable)
        {
            return [];
        }
        return
        [
            new Measurement<T>(value(snapshot.Keyword), new KeyValuePair<string, object?>("index", "keyword")),
            new Measurement<T>(value(snapshot.Vector), new KeyValuePair<string, object?>("index", "vector")),
        ];
    }
}
