using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Search;

/// <summary>
/// Index snapshots in the database: a node with an empty data directory restores the newest one and
/// catches up from its watermarks; one it cannot trust is skipped for the full build from the database.
/// </summary>
[Collection(EmbeddingModelGroup.Name)]
public sealed class IndexSnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Queries = ["sparse attention", "diffusion images", "speculative decoding drafts", "routing experts"];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ANewNodeRestoresTheSnapshotCatchesUpWithLaterPapersAndAnswersLikeTheNodeThatStoredIt(Lane lane)
    {
        await using var first = await SearchApp.CreateAsync(lane, indexJob: false);
        await first.WriteAsync(Papers(1, 24));
        await first.EmbedAsync();
        await first.CatchUpAsync();
        var snapshot = await first.Indexes.SnapshotAsync(Ct);
        Assert.NotNull(snapshot);
        Assert.True(snapshot.Complete);
        Assert.Equal((first.Indexes.KeywordWatermark, first.Indexes.VectorWatermark), (snapshot.KeywordWatermark, snapshot.VectorWatermark));
        // Written after the snapshot: the new node must take these from the database.
        await first.WriteAsync(Papers(25, 3));
        await first.EmbedAsync();
        await first.CatchUpAsync();

        await using var disk = first.App.Database.AnotherNode();
        await using var node = await SearchApp.CreateOnAsync(disk, indexJob: false);
        var restored = await node.CatchUpAsync();

        Assert.Equal((snapshot.Id, 3, 3), (restored.RestoredSnapshot, restored.KeywordDocuments, restored.Vectors));
        Assert.Equal((27, 27), (node.Indexes.KeywordCount, node.Indexes.VectorCount));
        Assert.Equal((first.Indexes.KeywordWatermark, first.Indexes.VectorWatermark), (node.Indexes.KeywordWatermark, node.Indexes.VectorWatermark));
        foreach (var query in Queries.Append("number 26"))
        {
            foreach (var mode in new[] { SearchMode.Keyword, SearchMode.Dense, SearchMode.Hybrid })
            {
                Assert.Equal(SearchApp.Ids(await first.SearchAsync(query, mode)), SearchApp.Ids(await node.SearchAsync(query, mode)));
            }
        }
        Assert.Contains("2403.00026", SearchApp.Ids(await node.SearchAsync("number 26", SearchMode.Keyword)));
        // Restored once: the next round only catches up.
        Assert.Null((await node.CatchUpAsync()).RestoredSnapshot);
    }

    public static TheoryData<Lane, string> Damages()
    {
        var data = new TheoryData<Lane, string>();
        foreach (var lane in new[] { Lane.Sqlite, Lane.Postgres })
        {
            foreach (var damage in new[] { "flipped byte", "missing chunk", "other model", "incomplete" })
            {
                data.Add(lane, damage);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Damages))]
    public async Task ASnapshotThatIsDamagedIncompleteOrForAnotherModelIsSkippedForTheFullBuild(Lane lane, string damage)
    {
        await using var first = await SearchApp.CreateAsync(lane, indexJob: false);
        await first.WriteAsync(Papers(1, 12));
        await first.EmbedAsync();
        await first.CatchUpAsync();
        var snapshot = await first.Indexes.SnapshotAsync(Ct);
        Assert.NotNull(snapshot);
        await first.App.WithDbAsync(db => Damage(db, snapshot.Id, damage));

        await using var disk = first.App.Database.AnotherNode();
        await using var node = await SearchApp.CreateOnAsync(disk, indexJob: false);
        var built = await node.CatchUpAsync();

        Assert.Equal((null, 12, 12), (built.RestoredSnapshot, built.KeywordDocuments, built.Vectors));
        foreach (var query in Queries)
        {
            Assert.Equal(SearchApp.Ids(await first.SearchAsync(query, SearchMode.Hybrid)), SearchApp.Ids(await node.SearchAsync(query, SearchMode.Hybrid)));
        }
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSnapshotJobStoresOneSnapshotForTheClusterOnceTheIndexesAreBuilt(Lane lane)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Search:Snapshots:Enabled"] = "true",
            ["Search:Snapshots:Interval"] = "01:00:00",
            ["Search:RefreshInterval"] = "00:00:00.100",
        };
        // The catalog is in place before the nodes start, so their first build holds all of it.
        await using var seed = await SearchApp.CreateAsync(lane, indexJob: false);
        await seed.WriteAsync(Papers(1, 8));
        await seed.EmbedAsync();
        await using var diskA = seed.App.Database.AnotherNode();
        await using var diskB = seed.App.Database.AnotherNode();
        await using var first = await SearchApp.CreateOnAsync(diskA, settings);
        await using var second = await SearchApp.CreateOnAsync(diskB, settings);

        await WaitForAsync(async () => first.Indexes.VectorCount == 8 && second.Indexes.VectorCount == 8
            && await first.App.WithDbAsync(db => db.IndexSnapshots.CountAsync(s => s.Complete, Ct)) == 1);
        // Both nodes' jobs have looked by now (every 100 ms while building); the interval is an hour.
        await Task.Delay(1000, Ct);

        var stored = await first.App.WithDbAsync(db => db.IndexSnapshots.AsNoTracking().ToListAsync(Ct));
        var only = Assert.Single(stored);
        Assert.Equal(first.Indexes.SnapshotFormat, new IndexSnapshotFormat(only.ModelKey, only.Dimensions, only.Quantization, only.KeywordSchema));
        Assert.Equal((first.Indexes.KeywordWatermark, first.Indexes.VectorWatermark), (only.KeywordWatermark, only.VectorWatermark));
        Assert.Equal(only.ChunkCount, await first.App.WithDbAsync(db => db.IndexSnapshotChunks.CountAsync(c => c.SnapshotId == only.Id, Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task OnlyTheNewestSnapshotsAreKept(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane, new() { ["Search:Snapshots:Keep"] = "2" }, indexJob: false);
        var ids = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            await app.WriteAsync(Papers(round * 4 + 1, 4));
            await app.CatchUpAsync();
            ids.Add((await app.Indexes.SnapshotAsync(Ct))!.Id);
        }

        Assert.Equal(ids[1..], await app.App.WithDbAsync(db => db.IndexSnapshots.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(Ct)));
        Assert.Empty(await app.App.WithDbAsync(db => db.IndexSnapshotChunks.Where(c => c.SnapshotId == ids[0]).ToListAsync(Ct)));
    }

    private static async Task<int> Damage(DailyPapers.Data.AppDbContext db, long snapshot, string damage)
    {
        var chunks = db.IndexSnapshotChunks.Where(c => c.SnapshotId == snapshot);
        var header = db.IndexSnapshots.Where(s => s.Id == snapshot);
        switch (damage)
        {
            case "flipped byte":
                var chunk = await chunks.OrderBy(c => c.Position).FirstAsync(Ct);
                var data = chunk.Data.ToArray();
                data[data.Length / 2] ^= 0xFF;
                chunk.Data = data;
                return await db.SaveChangesAsync(Ct);
            case "missing chunk":
                return await chunks.Where(c => c.Position == 0).ExecuteDeleteAsync(Ct);
            case "other model":
                return await header.ExecuteUpdateAsync(s => s.SetProperty(x => x.ModelKey, "another-model@256"), Ct);
            default:
                return await header.ExecuteUpdateAsync(s => s.SetProperty(x => x.Complete, false), Ct);
        }
    }

    private static DailyPapers.Ingest.PaperRecord[] Papers(int from, int count) =>
    [
        .. Enumerable.Range(from, count).Select(i => SearchApp.Paper($"2403.{i:00000}", Topic(i) + $" number {i}",
            $"We study {Topic(i)} in setting {i} and report throughput {i * 7}.")),
    ];

    private static string Topic(int i) => (i % 4) switch
    {
        0 => "sparse attention in transformers",
        1 => "diffusion models for images",
        2 => "speculative decoding with draft models",
        _ => "routing tokens to mixture of experts",
    };

    private static async Task WaitForAsync(Func<Task<bool>> condition, int attempts = 600)
    {
        // Bounded by attempts (50 ms apart), not by a wall clock.
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50, Ct);
        }
        Assert.Fail("The cluster never stored its snapshot.");
    }
}
