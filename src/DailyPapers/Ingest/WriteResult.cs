namespace DailyPapers.Ingest;

/// <summary>
/// What one <see cref="CatalogWriter.WriteAsync"/> did, counted in distinct papers of the batch
/// (a paper named twice in a batch counts once, and the extra records as <see cref="MergedDuplicates"/>)
/// plus the daily entries it added. Every record of a batch is counted once:
/// records = inserted + updated + unchanged + merged duplicates.
/// </summary>
public sealed record WriteResult(int Inserted, int Updated, int Unchanged, int NewDailyEntries)
{
    public static WriteResult None { get; } = new(0, 0, 0, 0);

    /// <summary>Records of the batch that named a paper an earlier record of the same batch named, merged into it.</summary>
    public int MergedDuplicates { get; init; }

    public int Papers => Inserted + Updated + Unchanged;

    /// <summary>Every record the writer was given: each paper once, plus the duplicates merged into it.</summary>
    public int Records => Papers + MergedDuplicates;

    public WriteResult Add(WriteResult other) => new(
        Inserted + other.Inserted, Updated + other.Updated, Unchanged + other.Unchanged, NewDailyEntries + other.NewDailyEntries)
    {
        MergedDuplicates = MergedDuplicates + other.MergedDuplicates,
    };
}
