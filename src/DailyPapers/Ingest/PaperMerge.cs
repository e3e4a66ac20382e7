namespace DailyPapers.Ingest;

/// <summary>
/// How what a source says combines with what the catalog holds. A newer arXiv version replaces the
/// metadata it states; an equal, older or unknown version only fills what is missing; counters
/// (upvotes, comments, GitHub stars) keep the larger value, since sources are snapshots of counts
/// that only grow. Nothing a source leaves out is ever erased.
/// </summary>
public static class PaperMerge
{
    public static PaperState Merge(PaperState? stored, PaperState incoming)
    {
        if (stored is null)
        {
            return incoming;
        }
        var newer = stored.Version > 0 && incoming.Version > stored.Version;
        T? Pick<T>(T? mine, T? theirs) => newer ? theirs ?? mine : mine ?? theirs;
        var categoriesFromIncoming = incoming.Categories.Length > 0 && (newer || stored.Categories.Length == 0);
        return new PaperState
        {
            Version = Math.Max(stored.Version, incoming.Version),
            Title = newer ? incoming.Title : stored.Title,
            Abstract = Pick(stored.Abstract, incoming.Abstract),
            Categories = categoriesFromIncoming ? incoming.Categories : stored.Categories,
            PrimaryCategory = categoriesFromIncoming ? incoming.PrimaryCategory : stored.PrimaryCategory,
            PublishedAt = Pick(stored.PublishedAt, incoming.PublishedAt),
            UpdatedAt = Pick(stored.UpdatedAt, incoming.UpdatedAt),
            Comments = Pick(stored.Comments, incoming.Comments),
            JournalRef = Pick(stored.JournalRef, incoming.JournalRef),
            Doi = Pick(stored.Doi, incoming.Doi),
            CodeUrl = Pick(stored.CodeUrl, incoming.CodeUrl),
            ProjectUrl = Pick(stored.ProjectUrl, incoming.ProjectUrl),
            GithubStars = Larger(stored.GithubStars, incoming.GithubStars),
            AiSummary = Pick(stored.AiSummary, incoming.AiSummary),
            AiKeywords = Pick(stored.AiKeywords, incoming.AiKeywords),
            Upvotes = Math.Max(stored.Upvotes, incoming.Upvotes),
            NumComments = Math.Max(stored.NumComments, incoming.NumComments),
            Authors = incoming.Authors.Count > 0 && (newer || stored.Authors.Count == 0) ? incoming.Authors : stored.Authors,
        };
    }

    private static int? Larger(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>What a source's feed day does to a paper's daily entries.</summary>
    public enum DayChange
    {
        None,
        Add,
        FillSubmitter,
    }

    /// <summary>
    /// A day the paper is not on yet is added; a day it is on stays as it is, except that a missing
    /// submitter is filled in (an API record knows who submitted; a JSON-lines export does not).
    /// </summary>
    public static DayChange MergeDay(bool alreadyOnDay, string? storedSubmitter, string? incomingSubmitter) =>
        !alreadyOnDay ? DayChange.Add
        : storedSubmitter is null && incomingSubmitter is not null ? DayChange.FillSubmitter
        : DayChange.None;
}
