using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>A paper for a test to store: only what the test cares about needs saying.</summary>
public sealed record SeedPaper(string ArxivId, string Title)
{
    public string? Abstract { get; init; } = "We study a problem and report results.";
    public IReadOnlyList<string> Authors { get; init; } = ["Ada Lovelace", "Alan Turing"];
    public int Upvotes { get; init; }
    public int NumComments { get; init; }
    public string Categories { get; init; } = "cs.LG";
    public DateTime? PublishedAt { get; init; }
    public string? CodeUrl { get; init; }
    public string? Doi { get; init; }

    /// <summary>Feed days with the time the paper was put there (UTC).</summary>
    public IReadOnlyList<(DateOnly Day, DateTime SubmittedAt)> Featured { get; init; } = [];

    /// <summary>Featured on <paramref name="day"/> at <paramref name="hour"/>:00 UTC.</summary>
    public SeedPaper On(DateOnly day, int hour = 8) =>
        this with { Featured = [.. Featured, (day, day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc))] };

    public SeedPaper OnAt(DateOnly day, DateTime submittedAtUtc) =>
        this with { Featured = [.. Featured, (day, DateTime.SpecifyKind(submittedAtUtc, DateTimeKind.Utc))] };
}

/// <summary>
/// Stores <see cref="SeedPaper"/> records through the app's own DbContext and saves them. Authors are
/// shared by name with rows already stored, so a test can seed more papers after its first requests.
/// </summary>
public static class PaperSeed
{
    public static Task SeedAsync(this AppFactory app, params SeedPaper[] papers) =>
        app.WithDbAsync(db => SeedAsync(db, papers));

    public static async Task SeedAsync(AppDbContext db, IEnumerable<SeedPaper> papers)
    {
        var list = papers.ToList();
        var names = list.SelectMany(p => p.Authors).Distinct().ToList();
        var authors = await db.Authors.Where(a => names.Contains(a.Name)).ToDictionaryAsync(a => a.Name);
        var now = DateTime.SpecifyKind(new DateTime(2024, 1, 1), DateTimeKind.Utc);
        foreach (var seed in list)
        {
            var categories = seed.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var paper = new Paper
            {
                ArxivId = seed.ArxivId,
                Version = 1,
                Title = seed.Title,
                Abstract = seed.Abstract,
                Categories = seed.Categories,
                PrimaryCategory = categories.FirstOrDefault(),
                PublishedAt = seed.PublishedAt is { } published ? DateTime.SpecifyKind(published, DateTimeKind.Utc) : null,
                Upvotes = seed.Upvotes,
                NumComments = seed.NumComments,
                CodeUrl = seed.CodeUrl,
                Doi = seed.Doi,
                CreatedAt = now,
                ModifiedAt = now,
            };
            for (var i = 0; i < seed.Authors.Count; i++)
            {
                var name = seed.Authors[i];
                if (!authors.TryGetValue(name, out var author))
                {
                    author = authors[name] = new Author { Name = name };
                }
                paper.Authors.Add(new PaperAuthor { Author = author, Position = i });
            }
            foreach (var (day, submittedAt) in seed.Featured)
            {
                paper.DailyEntries.Add(new DailyEntry { Day = day, SubmittedAt = submittedAt, Source = "test" });
            }
            db.Papers.Add(paper);
        }
        await db.SaveChangesAsync();
    }
}
