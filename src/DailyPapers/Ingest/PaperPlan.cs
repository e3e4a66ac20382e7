using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>A daily entry as stored or about to be stored.</summary>
internal sealed record DayRow(DateOnly Day, DateTime SubmittedAt, string? SubmittedBy);

/// <summary>One paper of a batch on its way through <see cref="CatalogWriter"/>: what is stored, and what the batch makes of it.</summary>
internal sealed class PaperPlan(string arxivId, long id, PaperState? stored, List<DayRow> storedDays)
{
    public string ArxivId { get; } = arxivId;

    /// <summary>Database id; 0 until a new paper is inserted.</summary>
    public long Id { get; set; } = id;

    public PaperState? Stored { get; } = stored;
    public PaperState? State { get; private set; } = stored;
    public List<DayRow> StoredDays { get; } = storedDays;
    public List<DayRow> NewDays { get; } = [];
    public List<DayRow> FilledSubmitters { get; } = [];

    public bool IsNew => Stored is null;
    public bool ContentChanged => !Equals(Stored, State);
    public bool AuthorsChanged => Stored is null || !Stored.Authors.SequenceEqual(State!.Authors, StringComparer.Ordinal);
    public bool Changed => ContentChanged || NewDays.Count > 0 || FilledSubmitters.Count > 0;

    public void Apply(PaperRecord record)
    {
        State = PaperMerge.Merge(State, PaperState.From(record));
        if (record.FeaturedOn is not { } day)
        {
            return;
        }
        var submitter = record.SubmittedBy is { } by ? SafeText.Clip(by, PaperState.SubmittedByMax) : null;
        var stored = StoredDays.FindIndex(d => d.Day == day);
        var added = NewDays.FindIndex(d => d.Day == day);
        var existing = stored >= 0 ? StoredDays[stored] : added >= 0 ? NewDays[added] : null;
        switch (PaperMerge.MergeDay(existing is not null, existing?.SubmittedBy, submitter))
        {
            case PaperMerge.DayChange.Add:
                // Without the exact time, midnight (UTC) of the feed day stands in.
                NewDays.Add(new DayRow(day, PaperState.Stored(record.SubmittedOnDailyAt) ?? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), submitter));
                break;
            case PaperMerge.DayChange.FillSubmitter when added >= 0:
                NewDays[added] = NewDays[added] with { SubmittedBy = submitter };
                break;
            case PaperMerge.DayChange.FillSubmitter:
                StoredDays[stored] = StoredDays[stored] with { SubmittedBy = submitter };
                FilledSubmitters.Add(StoredDays[stored]);
                break;
        }
    }
}
