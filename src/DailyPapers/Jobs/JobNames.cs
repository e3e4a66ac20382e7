namespace DailyPapers.Jobs;

/// <summary>
/// The lease of every job that runs on one node of the cluster at a time (rows of <c>job_leases</c>).
/// One place, so a CLI verb and the site's job for the same work cannot take different leases.
/// </summary>
public static class JobNames
{
    /// <summary>Embedding new papers in the background, and <c>dailypapers embed</c>.</summary>
    public const string Embed = "embed";

    /// <summary>The first start's bundled catalog.</summary>
    public const string DemoImport = "demo-import";

    /// <summary>arXiv's OAI-PMH, for every set: arXiv counts requests per client, not per set.</summary>
    public const string HarvestArxiv = "harvest-arxiv";

    public const string HarvestHf = "harvest-hf";

    public const string DigestCompose = "digest-compose";

    /// <summary>Storing a snapshot of the search indexes in the database, for new nodes to restore.</summary>
    public const string IndexSnapshot = "index-snapshot";
}
