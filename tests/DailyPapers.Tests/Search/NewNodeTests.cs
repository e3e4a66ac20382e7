using DailyPapers.Ingest;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Search;

/// <summary>
/// Several nodes on one database: the model runs once per paper in the whole cluster, and a node
/// that starts with an empty data directory builds both replicas from the database alone.
/// </summary>
[Collection(EmbeddingModelGroup.Name)]
public sealed class NewNodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> EmbeddingNode = new()
    {
        ["Search:EmbedInBackground"] = "true",
        ["Search:RefreshInterval"] = "00:00:00.100",
        // Small batches, so two nodes without the lease would surely overlap on the same papers.
        ["Search:EmbedBatchSize"] = "4",
    };

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ANodeWithAnEmptyDataDirectoryBuildsItsIndexesFromStoredEmbeddingsWithoutRunningTheModel(Lane lane)
    {
        await using var first = await SearchApp.CreateAsync(lane);
        await first.WriteAsync(Papers(30));
        Assert.Equal(30, await first.EmbedAsync());
        var stored = await EmbeddingRowsAsync(first.App);

        var model = Counting();
        await using var disk = first.App.Database.AnotherNode();
        await using var node = await AppFactory.CreateOnAsync(disk, EmbeddingNode, services: Replace(model));
        var indexes = node.Services.GetRequiredService<SearchIndexes>();
        await WaitForAsync(() => indexes.IsReady);
        // One more round after the first catch-up: the background embedder has looked for work in between.
        var firstRound = indexes.CaughtUpAt;
        await WaitForAsync(() => indexes.CaughtUpAt > firstRound);

        Assert.Equal((30, 30), (indexes.KeywordCount, indexes.VectorCount));
        Assert.Equal(0, model.Texts);
        // Not one row rewritten: same vectors, same sequence, same time, one per paper.
        Assert.Equal(stored, await EmbeddingRowsAsync(node));
        Assert.Equal(stored.Max(r => r.ChangeSeq), indexes.VectorWatermark);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TwoNodesEmbeddingInTheBackgroundRunTheModelOncePerPaper(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        await using var otherDisk = database.AnotherNode();
        var (modelA, modelB) = (Counting(), Counting());
        await using var a = await AppFactory.CreateOnAsync(database, EmbeddingNode, services: Replace(modelA));
        await using var b = await AppFactory.CreateOnAsync(otherDisk, EmbeddingNode, services: Replace(modelB));
        await using (var scope = a.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(Papers(40), "import:hf", Ct);
        }
        var indexes = new[] { a, b }.Select(node => node.Services.GetRequiredService<SearchIndexes>()).ToList();

        await WaitForAsync(() => indexes.All(i => i.VectorCount == 40), attempts: 1200);

        Assert.Equal(40, modelA.Texts + modelB.Texts);
        Assert.Equal(40, (await EmbeddingRowsAsync(a)).Select(r => r.PaperId).Distinct().Count());
    }

    private static PaperRecord[] Papers(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => SearchApp.Paper($"2403.{i:00000}", $"Study number {i} of sparse attention",
            $"We measure attention pattern {i} in transformer layers and report throughput {i * 7}.")),
    ];

    private static CountingEmbeddingGenerator Counting() => new(SearchSetup.SharedGenerator(new SearchOptions().EmbeddingModel));

    private static Action<IServiceCollection> Replace(CountingEmbeddingGenerator model) =>
        services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(model);

    private static Task<List<(long PaperId, long ChangeSeq, DateTime ComputedAt, string Vector)>> EmbeddingRowsAsync(AppFactory app) =>
        app.WithDbAsync(async db => (await db.PaperEmbeddings.AsNoTracking().OrderBy(e => e.PaperId).ToListAsync(Ct))
            .Select(e => (e.PaperId, e.ChangeSeq, e.ComputedAt, Convert.ToBase64String(e.Vector))).ToList());

    private static async Task WaitForAsync(Func<bool> condition, int attempts = 300)
    {
        // Bounded by attempts (50 ms apart), not by a wall clock.
        for (var attempt = 0; attempt < attempts && !condition(); attempt++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.True(condition(), "The node never got there.");
    }
}
