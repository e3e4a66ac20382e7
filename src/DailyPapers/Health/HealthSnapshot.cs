namespace DailyPapers.Health;

/// <summary>What a node knows about its own health at one moment; <c>/readyz</c>, <c>/metrics</c> and <c>dailypapers status</c> read it.</summary>
public sealed record HealthSnapshot
{
    public required DateTimeOffset TakenAt { get; init; }
    public required string Provider { get; init; }

    /// <summary>Why the database could not be read; null when it answered.</summary>
    public string? DatabaseError { get; init; }

    /// <summary>The change counter: the last change sequence any writer took.</summary>
    public long LatestChange { get; init; }

    public IndexLag Keyword { get; init; } = IndexLag.Unknown;
    public IndexLag Vector { get; init; } = IndexLag.Unknown;

    /// <summary>Whether this node's indexes are open and have caught up with the database at least once.</summary>
    public bool IndexesBuilt { get; init; }

    /// <summary>Papers without a current embedding for the configured model (counted at most every few seconds); null when not counted.</summary>
    public int? EmbeddingBacklog { get; init; }

    /// <summary>Outbox rows neither sent nor failed.</summary>
    public int OutboxDepth { get; init; }

    /// <summary>How long the oldest of those has waited; null when there is none.</summary>
    public TimeSpan? OutboxOldestAge { get; init; }

    public IReadOnlyList<LeaseFact> Leases { get; init; } = [];

    public bool DatabaseReachable => DatabaseError is null;
}

/// <summary>
/// How far one search index of this node is behind the database. <see cref="Changes"/> is in change
/// sequence numbers (one per writing transaction: an import batch of 2,000 papers is one);
/// <see cref="Age"/> is how long the oldest change the index has not taken in has waited.
/// </summary>
public sealed record IndexLag(long Watermark, long Latest, long Changes, TimeSpan Age)
{
    public static readonly IndexLag Unknown = new(-1, -1, 0, TimeSpan.Zero);
}

/// <summary>A row of <c>job_leases</c>: which node holds a job's turn, and until when.</summary>
public sealed record LeaseFact(string Name, string Owner, DateTime Until);
