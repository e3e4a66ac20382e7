using DailyPapers.Papers;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DailyPapers.Tests.Infrastructure.CatalogSeed;

namespace DailyPapers.Tests.Papers;

public sealed class PaperViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A page large enough that its author links and feed days are read on a second context gives the
    /// same papers, in the order asked, with the same authors in their order and the same days, as a
    /// page read on one context; a hidden paper and an id not in the catalog are left out of both.
    /// </summary>
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APageReadWithSideReadsIsThePageReadOnOneContext(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var count = PaperViews.SideReadsFrom + 5;
        var ids = await app.WithDbAsync(async db =>
        {
            var seed = new CatalogSeed(db);
            var papers = Enumerable.Range(0, count)
                .Select(i => seed.Paper($"2406.{i + 10000:D5}", Utc(2024, 6, 1 + (i % 28)), upvotes: i,
                    authors: [.. Enumerable.Range(0, 1 + (i % 4)).Select(a => $"Author {(i * 7 + a) % 11}")]))
                .ToList();
            foreach (var paper in papers.Where((_, i) => i % 3 == 0))
            {
                seed.Feature(paper, Day(2024, 6, 10), submittedBy: "curator");
                seed.Feature(paper, Day(2024, 6, 3));
            }
            await db.SaveChangesAsync(Ct);
            await db.Papers.Where(p => p.Id == papers[4].Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.HiddenAt, StoredAt), Ct);
            // Not in id order, and with an id no paper has.
            return papers.Select(p => p.Id).Reverse().Append(999_999).ToList();
        });
        var hidden = ids[^6];

        var onOne = await app.WithDbAsync(db => db.LoadPaperViewsAsync(ids, Ct));
        var withSideReads = await app.WithDbAsync(db => db.LoadPaperViewsAsync(ids, app.Services.GetRequiredService<IServiceScopeFactory>(), Ct));

        Assert.Equal(count - 1, onOne.Count);
        Assert.DoesNotContain(onOne, p => p.Id == hidden);
        Assert.Equal(ids.Where(id => id != hidden && id != 999_999), onOne.Select(p => p.Id));
        Assert.Equal(Describe(onOne), Describe(withSideReads));
        var featured = onOne.Single(p => p.ArxivId == "2406.10003");
        Assert.Equal([Day(2024, 6, 3), Day(2024, 6, 10)], featured.FeedDays.Select(d => d.Day));
        Assert.Equal(["Author 10", "Author 0", "Author 1", "Author 2"], featured.Authors.Select(a => a.Name));
    }

    private static List<string> Describe(List<PaperView> papers) =>
        [.. papers.Select(p => $"{p.Id} {p.ArxivId} {p.Upvotes} [{string.Join(", ", p.Authors.Select(a => $"{a.Id}:{a.Name}"))}] [{string.Join(", ", p.FeedDays.Select(d => $"{d.Day} {d.SubmittedBy}"))}]")];
}
