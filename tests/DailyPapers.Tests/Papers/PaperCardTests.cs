using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Papers;

public sealed class PaperCardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2024, 3, 1);

    /// <summary>Authors out of alphabetical order, so a list that lost the printed order shows.</summary>
    private static readonly DailyPapers.Ingest.PaperRecord Shown =
        SearchApp.Paper("2401.00011", "Sparse Mixture of Experts for Speech Recognition",
            "Routing audio frames to sparse experts makes speech recognition cheaper.", "cs.CL", 42,
            "Zoe Young", "Adam Abbott", "Mia Moreno") with
        {
            NumComments = 5,
            CodeUrl = "https://github.com/example/moe",
            FeaturedOn = Day,
            SubmittedOnDailyAt = new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc),
        };

    private static readonly DailyPapers.Ingest.PaperRecord Neighbour =
        SearchApp.Paper("2401.00012", "Sparse Experts for Speech Translation",
            "Routing audio frames to sparse experts makes speech translation cheaper.", "cs.CL", 3, "Ian Ito");

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheFeedSearchSimilarAndAuthorListsShowAPaperWithTheSameCard(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(Shown, Neighbour);
        await app.CatchUpAsync();
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var onFeed = (await db.LoadFeedPageAsync(db.DailyEntries.InPeriod(FeedPeriod.ForDay(Day)), FeedSort.Upvotes, 0, 50,
            DateTimeOffset.UnixEpoch, Ct)).Single().Paper;
        var found = (await app.SearchAsync("sparse mixture of experts speech recognition", SearchMode.Keyword))
            .Hits.Single(h => h.Paper.ArxivId == Shown.ArxivId).Paper;
        var neighbour = (await db.LoadPaperViewAsync(Neighbour.ArxivId, Ct))!;
        var similar = (await scope.ServiceProvider.GetRequiredService<SimilarPapers>().FindAsync(neighbour, 10, Ct))
            .Papers.Single(p => p.ArxivId == Shown.ArxivId);
        var byAuthor = (await db.LoadPaperViewsAsync(db.Papers.ByAuthor("Adam Abbott"), Ct)).Values.Single();

        var expected = new PaperCard(onFeed.Id, Shown.ArxivId, Shown.Title, Shown.Abstract, ["Zoe Young", "Adam Abbott", "Mia Moreno"],
            42, 5, Shown.PublishedAt, Shown.CodeUrl, null);
        Assert.All(new[] { onFeed, found, similar, byAuthor }, paper => Assert.Equivalent(expected, PaperCard.From(paper), strict: true));
        Assert.Equal(onFeed, found with { Authors = onFeed.Authors, FeedDays = onFeed.FeedDays });
        Assert.Equal([Day], found.FeedDays.Select(d => d.Day));
    }
}
