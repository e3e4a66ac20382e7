namespace DailyPapers.Papers;

public static class PaperQueries
{
    /// <summary>The paper with this id in any accepted spelling (version and prefixes ignored).</summary>
    public static IQueryable<Paper> ByArxivId(this IQueryable<Paper> papers, string arxivId) =>
        papers.Where(p => p.ArxivId == arxivId);

    /// <summary>
    /// Papers with this exact author name, newest first; papers without a publication date last
    /// (spelled out because SQLite and PostgreSQL put nulls at opposite ends of a descending order).
    /// </summary>
    public static IQueryable<Paper> ByAuthor(this IQueryable<Paper> papers, string name) =>
        papers.Where(p => p.Authors.Any(a => a.Author!.Name == name))
            .OrderByDescending(p => p.PublishedAt != null).ThenByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id);
}
