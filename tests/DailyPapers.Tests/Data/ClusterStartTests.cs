using DailyPapers.Ingest;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Data;

/// <summary>Two nodes started at the same moment on one empty database, as a cluster's first boot does.</summary>
public sealed class ClusterStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task BothComeUpWithTheSchemaMigratedOnceAndTheDemoCatalogImportedOnce(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        await using var otherDisk = database.AnotherNode();
        var settings = new Dictionary<string, string?> { ["DemoData:Enabled"] = "true", ["Search:RefreshInterval"] = "00:00:00.500" };

        var nodes = await Task.WhenAll(
            Task.Run(() => AppFactory.CreateOnAsync(database, settings), Ct),
            Task.Run(() => AppFactory.CreateOnAsync(otherDisk, settings), Ct));
        try
        {
            await nodes[0].WithDbAsync(async db =>
            {
                var applied = await db.Database.GetAppliedMigrationsAsync(Ct);
                Assert.Equal(db.Database.GetMigrations(), applied);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
                Assert.Equal(12215, await db.Papers.CountAsync(Ct));
                Assert.Equal(12201, await db.DailyEntries.CountAsync(Ct));
                Assert.Equal("done", await db.JobCursors.Where(c => c.Name == DemoDataImporter.StateKey).Select(c => c.Value).SingleAsync(Ct));
            });
            await BothShareOneDataProtectionKey(nodes);
            // The node that left the import to the other catches up by following the database, as for any import.
            var vectors = await nodes[1].WithDbAsync(db => db.PaperEmbeddings.CountAsync(Ct));
            Assert.True(vectors > 12000, $"{vectors} shipped embeddings imported");
            foreach (var node in nodes)
            {
                var indexes = node.Services.GetRequiredService<SearchIndexes>();
                for (var attempt = 0; attempt < 600 && !(indexes.IsReady && indexes.KeywordCount == 12215 && indexes.VectorCount == vectors); attempt++)
                {
                    await Task.Delay(100, Ct);
                }
                Assert.Equal((12215, vectors), (indexes.KeywordCount, indexes.VectorCount));
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Both nodes protect their first payload at the same moment (the first visitors on each), as
    /// when the ring's first key was made lazily and each node made its own: then one refused the other's.
    /// </summary>
    private static async Task BothShareOneDataProtectionKey(AppFactory[] nodes)
    {
        var protectors = nodes.Select(node => node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-start")).ToArray();
        var payloads = await Task.WhenAll(protectors.Select((protector, i) => Task.Run(() => protector.Protect($"from node {i}"), Ct)));
        Assert.Equal("from node 0", protectors[1].Unprotect(payloads[0]));
        Assert.Equal("from node 1", protectors[0].Unprotect(payloads[1]));
        Assert.Equal(1, await nodes[0].WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct)));
    }
}
