using DailyPapers.Moderation;
using DailyPapers.Search;
using DailyPapers.Web;

namespace DailyPapers.ClusterTests;

/// <summary>
/// How soon a write on one node shows on another, from the constants the code runs on (documented
/// in docs/deploy.md, "Freshness"); the tests poll up to these bounds and print what they measured.
/// There is no cross-node signal: every node re-reads the database on its own clock.
/// </summary>
public static class Freshness
{
    /// <summary>A little time for the render or the index round itself on a busy 2-core machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    /// <summary>Anonymous pages and read API answers: cached for <see cref="PageCache.Duration"/> per node.</summary>
    public static TimeSpan CachedAnswers => PageCache.Duration + Slack;

    /// <summary>Search on every node: the index job's round every <see cref="SearchOptions.RefreshInterval"/> (answers from an index behind the catalog are never cached).</summary>
    public static TimeSpan Search => new SearchOptions().RefreshInterval + PageCache.Duration + Slack;

    /// <summary>A hidden paper leaves index-only answers within <see cref="HiddenPapers.Freshness"/>, cached pages within the page cache's lifetime.</summary>
    public static TimeSpan Hidden => (HiddenPapers.Freshness > PageCache.Duration ? HiddenPapers.Freshness : PageCache.Duration) + Slack;

    /// <summary>Signed-in pages are rendered per request from the database: at once.</summary>
    public static TimeSpan SignedIn => Slack;
}
