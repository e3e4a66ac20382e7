using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchIndexesTests
{
    private static SearchIndexes NewIndexes(SearchApp app) => ActivatorUtilities.CreateInstance<SearchIndexes>(app.App.Services);

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheKeywordIndexFollowsInsertsAndUpdatesByChangeSequence(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(SearchApp.Paper("2402.00001", "Sparse Mixtures of Experts", "Routing tokens to experts."));
        await app.CatchUpAsync();
        var first = app.Indexes.KeywordWatermark;

        await app.WriteAsync(
            SearchApp.Paper("2402.00001", "Dense Mixtures of Experts", "Routing tokens to experts.") with { Version = 2 },
            SearchApp.Paper("2402.00002", "Speculative Decoding", "Draft models propose tokens."));
        await app.CatchUpAsync();

        Assert.True(app.Indexes.KeywordWatermark > first);
        Assert.Empty((await app.SearchAsync("sparse", SearchMode.Keyword)).Hits);
        Assert.Equal(["2402.00001"], SearchApp.Ids(await app.SearchAsync("dense experts", SearchMode.Keyword)));
        Assert.Equal(["2402.00002"], SearchApp.Ids(await app.SearchAsync("speculative", SearchMode.Keyword)));
        // Nothing changed since: a catch-up indexes nothing.
        Assert.Equal(CatchUpResult.None, await app.CatchUpAsync());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task EmbeddingsAreRedoneOnlyWhenThePapersTextChangesAndTheVectorIndexFollows(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(SearchApp.Paper("2402.00003", "Diffusion Models Beat GANs", "Image synthesis with guided diffusion.", upvotes: 1));
        Assert.Equal(1, await app.EmbedAsync());
        await app.CatchUpAsync();
        var before = await app.App.WithDbAsync(db => db.PaperEmbeddings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal((1, before.ChangeSeq), (app.Indexes.VectorCount, app.Indexes.VectorWatermark));

        // Only the vote count changes: the paper is marked current without running the model.
        await app.WriteAsync(SearchApp.Paper("2402.00003", "Diffusion Models Beat GANs", "Image synthesis with guided diffusion.", upvotes: 7));
        Assert.Equal(1, await app.EmbedAsync());
        var reused = await app.App.WithDbAsync(db => db.PaperEmbeddings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before.ChangeSeq, reused.ChangeSeq);
        Assert.Equal(before.Vector, reused.Vector);
        Assert.True(reused.SourceChangeSeq > before.SourceChangeSeq);
        await app.CatchUpAsync();
        Assert.Equal(before.ChangeSeq, app.Indexes.VectorWatermark);

        // The abstract changes: a new vector, a new sequence, and the index takes it.
        await app.WriteAsync(SearchApp.Paper("2402.00003", "Diffusion Models Beat GANs", "Audio synthesis with latent diffusion.", upvotes: 7) with { Version = 2 });
        Assert.Equal(1, await app.EmbedAsync());
        var redone = await app.App.WithDbAsync(db => db.PaperEmbeddings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        Assert.True(redone.ChangeSeq > before.ChangeSeq);
        Assert.NotEqual(before.Vector, redone.Vector);
        Assert.Equal((384, "all-MiniLM-L6-v2@256"), (redone.Dimensions, redone.Model));
        await app.CatchUpAsync();
        Assert.Equal((1, redone.ChangeSeq), (app.Indexes.VectorCount, app.Indexes.VectorWatermark));
        Assert.Equal(0, await app.EmbedAsync());
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task DeletedOrCorruptedIndexesAreRebuiltWhenOpened(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(
            SearchApp.Paper("2402.00004", "Low-Rank Adaptation of Language Models", "Freezing weights and training rank decomposition matrices."),
            SearchApp.Paper("2402.00005", "Chain-of-Thought Prompting", "Intermediate reasoning steps improve arithmetic."));
        await app.EmbedAsync();
        await app.CatchUpAsync();
        var folder = app.Indexes.Folder;
        await app.Indexes.DisposeAsync();

        foreach (var damage in new Action[]
        {
            () => Directory.Delete(folder, recursive: true),
            () => Garble(Directory.GetFiles(Path.Combine(folder, "keyword"), "segments_*").Single()),
            () => Garble(Path.Combine(folder, VectorIndex.FileName)),
            () => File.WriteAllText(Path.Combine(folder, VectorIndex.WatermarkFileName), "{not json"),
            () => Array.ForEach(Directory.GetFiles(Path.Combine(folder, "keyword")), Garble),
        })
        {
            damage();
            using var reopened = NewIndexes(app);
            await reopened.CatchUpAsync(TestContext.Current.CancellationToken);

            Assert.Equal(2, reopened.VectorCount);
            var low = reopened.KeywordSearch("low rank adaptation", 10);
            Assert.Single(low);
            Assert.Single(reopened.ExactTitle("chain-of-thought prompting"));
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task IndexesSurviveARestartWithoutReindexing(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(SearchApp.Paper("2402.00006", "Scaling Laws for Neural Language Models", "Loss follows a power law."));
        await app.EmbedAsync();
        await app.CatchUpAsync();
        await app.Indexes.DisposeAsync();

        using var reopened = NewIndexes(app);
        var indexed = await reopened.CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(CatchUpResult.None, indexed);
        Assert.Equal((1, 1), (reopened.KeywordSearch("power law", 10).Count, reopened.VectorCount));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ReindexRebuildsBothIndexesFromTheDatabase(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(
            SearchApp.Paper("2402.00007", "Direct Preference Optimization", "A classification loss replaces reinforcement learning from feedback."),
            SearchApp.Paper("2402.00008", "Constitutional AI", "Harmlessness from AI feedback."));
        await app.EmbedAsync();
        await app.CatchUpAsync();

        var outcome = await app.Indexes.RebuildAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new RebuildOutcome(true, new CatchUpResult(2, 2)), outcome);
        Assert.Equal(["2402.00008", "2402.00007"], SearchApp.Ids(await app.SearchAsync("feedback", SearchMode.Keyword)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheBackgroundJobIndexesAndEmbedsNewPapersWithoutAnyoneActing(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane, new()
        {
            ["Search:RefreshInterval"] = "00:00:00.100",
            ["Search:EmbedInBackground"] = "true",
        });

        await app.WriteAsync(SearchApp.Paper("2402.00009", "Mamba: Linear-Time Sequence Modeling", "Selective state spaces."));

        var deadline = TimeProvider.System.GetTimestamp();
        while (app.Indexes.VectorCount == 0 || app.Indexes.KeywordSearch("selective state spaces", 10).Count == 0)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60), "The job did not index the new paper within a minute.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var result = await app.SearchAsync("linear time sequence models");
        Assert.Equal(("hybrid", "2402.00009"), (result.Mode, SearchApp.Ids(result)[0]));
    }

    private static void Garble(string file)
    {
        var bytes = File.ReadAllBytes(file);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            bytes[i] ^= 0x5A;
        }
        File.WriteAllBytes(file, bytes);
    }
}
