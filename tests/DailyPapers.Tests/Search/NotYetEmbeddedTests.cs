using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>While papers still wait for their embeddings, the API and the page say how many; once all are embedded, neither does.</summary>
public sealed class NotYetEmbeddedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASiteWithSomePapersNotEmbeddedSaysHowManyInTheHeaderAndOnThePage(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane, indexJob: false);
        await app.WriteAsync(
            SearchApp.Paper("2401.00001", "Diffusion Policies for Robot Manipulation", "We learn visuomotor policies with denoising diffusion."),
            SearchApp.Paper("2401.00002", "Dense Retrieval with Dual Encoders", "Passage retrieval with learned dense representations."),
            SearchApp.Paper("2401.00003", "Graph Neural Networks for Molecules", "Message passing networks predict molecular properties."));
        await app.EmbedAsync(limit: 1);
        await app.CatchUpAsync();
        var client = app.App.CreateClient();

        using (var partial = await client.GetAsync("/api/papers/search?q=robot+diffusion", Ct))
        {
            Assert.Equal("2", Assert.Single(partial.Headers.GetValues(SearchApi.NotYetEmbeddedHeader)));
        }
        var page = await client.GetStringAsync("/search?q=robot+diffusion", Ct);
        Assert.Contains("2 papers are still waiting for their embeddings", page, StringComparison.Ordinal);

        await app.EmbedAsync();
        await app.CatchUpAsync();
        using var complete = await client.GetAsync("/api/papers/search?q=molecules+graph", Ct);
        Assert.False(complete.Headers.Contains(SearchApi.NotYetEmbeddedHeader));
        Assert.DoesNotContain("waiting for their embedding", await client.GetStringAsync("/search?q=molecules+graph", Ct), StringComparison.Ordinal);
    }
}
