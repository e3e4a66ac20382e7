using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Health;

/// <summary>When a node counts as ready, and who may read its metrics. Bound from the <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// How long the oldest change a search index has not taken in may wait before the node is not
    /// ready (<c>/readyz</c>) and <c>dailypapers status</c> fails. The index job polls every
    /// <c>Search:RefreshInterval</c> (10 s), so a healthy node stays well under this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxIndexLag { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The same in change sequence numbers (writing transactions); unset, only <see cref="MaxIndexLag"/> counts.</summary>
    [Range(1, long.MaxValue)]
    public long? MaxIndexLagChanges { get; set; }

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/24</c>) whose clients may read <c>/metrics</c>, besides
    /// loopback. A request that came through a proxy the site does not trust (it still carries
    /// <c>X-Forwarded-For</c>) is refused whatever its address, so a proxy on the same machine does
    /// not open the metrics to the internet.
    /// </summary>
    public List<string> MetricsNetworks { get; set; } = [];
}
