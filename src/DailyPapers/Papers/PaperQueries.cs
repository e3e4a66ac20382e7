using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

public static class PaperQueries
{
    /// <summary>The paper with this id in any accepted spelling (version and prefixes ignored).</summary>
    public static IQueryable<Paper> ByArxivId(this IQueryable<Paper> papers, string arxivId) =>
        papers.Where(p => p.ArxivId == arxivId);

    /// <summary>Papers with this exact author name, newest first.</summary>
    public static IQueryable<Paper> ByAuthor(this IQueryable<Paper> papers, string name) =>
        papers.Where(p => p.Authors.Any(a => a.Author!.Name == name))
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id);

    public static IQueryable<Paper> WithAuthorsAndDays(this IQueryable<Paper> papers) =>
        papers.Include(p => p.Authors.OrderBy(a => a.Position)).ThenInclude(a => a.Author)
            .Include(p => p.DailyEntries.OrderBy(e => e.Day));
}
