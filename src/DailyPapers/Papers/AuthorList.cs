namespace DailyPapers.Papers;

/// <summary>
/// A long author list cut to its first names plus "+N more". Never "+1 more": when only one
/// name would be hidden, showing it takes the same room. An author who must stay visible (on
/// their own page) takes the last shown place when they are further down the list.
/// </summary>
public readonly record struct AuthorList(IReadOnlyList<string> Shown, int More)
{
    public static AuthorList Shorten(IReadOnlyList<string> authors, int max, string? keepVisible = null)
    {
        if (authors.Count <= max + 1)
        {
            return new(authors, 0);
        }
        var shown = authors.Take(max).ToList();
        if (keepVisible is not null && !shown.Contains(keepVisible) && authors.Contains(keepVisible))
        {
            shown[^1] = keepVisible;
        }
        return new(shown, authors.Count - max);
    }
}
