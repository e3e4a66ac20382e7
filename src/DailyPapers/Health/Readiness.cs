using System.Globalization;

namespace DailyPapers.Health;

/// <summary>One check of <c>/readyz</c> and <c>dailypapers status</c>: its name, whether it passed, and what was found.</summary>
public sealed record ReadinessCheck(string Name, bool Passed, string Detail);

/// <summary>
/// Whether a node should get traffic: its database answers, its search indexes have been built and
/// neither is further behind the database than <see cref="HealthOptions.MaxIndexLag"/> (and
/// <see cref="HealthOptions.MaxIndexLagChanges"/> when set). A pure function of the snapshot.
/// </summary>
public static class Readiness
{
    public static IReadOnlyList<ReadinessCheck> Evaluate(HealthSnapshot snapshot, HealthOptions options)
    {
        if (!snapshot.DatabaseReachable)
        {
            return [new("database", false, $"unreachable ({snapshot.Provider}): {snapshot.DatabaseError}")];
        }
        List<ReadinessCheck> checks = [new("database", true, string.Create(CultureInfo.InvariantCulture, $"{snapshot.Provider}, latest change {snapshot.LatestChange}"))];
        if (!snapshot.IndexesBuilt)
        {
            checks.Add(new("search", false, "the search indexes are not built yet"));
            return checks;
        }
        checks.Add(Lag("keyword index", snapshot.Keyword, options));
        checks.Add(Lag("vector index", snapshot.Vector, options));
        return checks;
    }

    public static bool AllPassed(IReadOnlyList<ReadinessCheck> checks) => checks.All(check => check.Passed);

    private static ReadinessCheck Lag(string name, IndexLag lag, HealthOptions options)
    {
        var tooOld = lag.Age > options.MaxIndexLag;
        var tooMany = options.MaxIndexLagChanges is { } limit && lag.Changes > limit;
        var detail = lag.Changes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"current at change {lag.Watermark}")
            : string.Create(CultureInfo.InvariantCulture, $"{lag.Changes} changes behind (at {lag.Watermark} of {lag.Latest}), oldest waiting {lag.Age.TotalSeconds:0} s");
        if (tooOld || tooMany)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $"; allowed {options.MaxIndexLag.TotalSeconds:0} s")
                + (options.MaxIndexLagChanges is { } changes ? string.Create(CultureInfo.InvariantCulture, $" and {changes} changes") : "");
        }
        return new(name, !(tooOld || tooMany), detail);
    }
}
