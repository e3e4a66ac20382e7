using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// Adds papers, authors and daily entries through the app's own DbContext; call
/// <c>SaveChangesAsync</c> on the context afterwards. Author rows are shared by name, as the catalog keeps them.
/// </summary>
public sealed class CatalogSeed(AppDbContext db)
{
    public static readonly DateTime StoredAt = new(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, Author> _authors = [];

    public static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public Paper Paper(string arxivId, DateTime? publishedAt = null, int upvotes = 0, string? title = null, params string[] authors)
    {
        var paper = new Paper
        {
            ArxivId = arxivId,
            Version = 1,
            Title = title ?? "Paper " + arxivId,
            Abstract = "Abstract of " + arxivId,
            Categories = "cs.CL cs.AI",
            PrimaryCategory = "cs.CL",
            PublishedAt = publishedAt,
            Upvotes = upvotes,
            CreatedAt = StoredAt,
            ModifiedAt = StoredAt,
        };
        for (var i = 0; i < authors.Length; i++)
        {
            if (!_authors.TryGetValue(authors[i], out var author))
            {
                author = _authors[authors[i]] = new Author { Name = authors[i] };
            }
            paper.Authors.Add(new PaperAuthor { Position = i, Author = author });
        }
        db.Papers.Add(paper);
        return paper;
    }

    /// <summary>Puts <paramref name="paper"/> on the feed of <paramref name="day"/> (at 06:00 UTC unless given).</summary>
    public DailyEntry Feature(Paper paper, DateOnly day, DateTime? submittedAt = null, string? submittedBy = null)
    {
        var entry = new DailyEntry
        {
            Paper = paper,
            Day = day,
            SubmittedAt = submittedAt ?? day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc),
            SubmittedBy = submittedBy,
            Source = "test",
        };
        db.DailyEntries.Add(entry);
        return entry;
    }
}
