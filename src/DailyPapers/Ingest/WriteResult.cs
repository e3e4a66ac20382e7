namespace DailyPapers.Ingest;

/// <summary>
/// What one <see cref="CatalogWriter.WriteAsync"/> did, counted in distinct papers of the batch
/// (a paper named twice in a batch counts once) plus the daily entries it added.
/// </summary>
public sealed record WriteResult(int Inserted, int Updated, int Unchanged, int NewDailyEntries)
{
    public static WriteResult None { get; } = new(0, 0, 0, 0);

    public int Papers => Inserted + Updated + Unchanged;

    public WriteResult Add(WriteResult other) => new(
        Inserted + other.Inserted, Updated + other.Updated, Unchanged + other.Unchanged, NewDailyEntries + other.NewDailyEntries);
}
