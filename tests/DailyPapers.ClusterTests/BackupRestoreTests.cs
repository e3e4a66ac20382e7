using System.Net;
using System.Text.Json;
using DailyPapers.ClusterTests.Infrastructure;

namespace DailyPapers.ClusterTests;

/// <summary>
/// The backups docs/deploy.md tells operators to take, restored into a fresh database, with a node
/// started on the copy serving the same paper: pg_dump/pg_restore for PostgreSQL, and SQLite's
/// online backup (sqlite3 ".backup") taken while a node serves the original.
/// </summary>
public sealed class BackupRestoreTests(Cluster cluster)
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APostgresDumpRestoredIntoAFreshDatabaseServesTheSamePaper()
    {
        cluster.Require();
        var paper = cluster.Catalog[20];
        var folder = Directory.CreateTempSubdirectory("dailypapers-pgdump-").FullName;
        var restored = "restored_" + Guid.NewGuid().ToString("N")[..8];
        string[] connect = ["-h", "127.0.0.1", "-p", cluster.PostgresPort, "-U", "postgres"];
        try
        {
            await Tool.RunAsync(Path.Combine(PgBin, "pg_dump"), [.. connect, "-Fc", "-f", Path.Combine(folder, "dailypapers.dump"), "dailypapers"]);
            await Tool.RunAsync(Path.Combine(PgBin, "createdb"), [.. connect, restored]);
            await Tool.RunAsync(Path.Combine(PgBin, "pg_restore"), [.. connect, "--no-owner", "-d", restored, Path.Combine(folder, "dailypapers.dump")]);

            await using var node = await NodeProcess.StartAsync(cluster.App, folder, new()
            {
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = cluster.ConnectionString.Replace("Database=dailypapers", "Database=" + restored, StringComparison.Ordinal),
            });
            Assert.Equal(await PaperAsync(cluster.Node1, paper.Id), await PaperAsync(node.Address, paper.Id));
            Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(node.Address, paper.Id));
        }
        finally
        {
            await Tool.RunAsync(Path.Combine(PgBin, "dropdb"), [.. connect, "--if-exists", "--force", restored]);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AnOnlineSqliteBackupRestoredIntoAFreshDataDirectoryServesTheSamePaper()
    {
        cluster.Require();
        var paper = cluster.Catalog[21];
        var original = Directory.CreateTempSubdirectory("dailypapers-sqlite-").FullName;
        var copy = Directory.CreateTempSubdirectory("dailypapers-sqlite-restored-").FullName;
        try
        {
            var catalog = Path.Combine(original, "catalog.jsonl");
            await CatalogRecord.WriteAsync(catalog, cluster.Catalog.Take(30));
            await Tool.RunAsync(Path.Combine(cluster.App, "dailypapers"), ["import", catalog, "--data", original]);
            await using (var serving = await NodeProcess.StartAsync(cluster.App, original, []))
            {
                Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(serving.Address, paper.Id));
                // Taken while the node serves (and holds the database open in WAL mode).
                await Tool.RunAsync("/usr/bin/sqlite3", [Path.Combine(original, "dailypapers.db"), $".backup '{Path.Combine(copy, "dailypapers.db")}'"]);
                var expected = await PaperAsync(serving.Address, paper.Id);

                await using var restored = await NodeProcess.StartAsync(cluster.App, copy, []);
                Assert.Equal(expected, await PaperAsync(restored.Address, paper.Id));
                Assert.Equal(HttpStatusCode.OK, await PageStatusAsync(restored.Address, paper.Id));
            }
        }
        finally
        {
            Directory.Delete(original, recursive: true);
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The paper's API answer without the fields that depend on the moment (none today) or the node: its title, abstract, authors and upvotes.</summary>
    private static async Task<string> PaperAsync(Uri node, string arxivId)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/papers/" + arxivId, Ct));
        var paper = json.RootElement;
        return string.Join("\n", paper.GetProperty("title").GetString(), paper.GetProperty("summary").GetString(),
            string.Join(", ", paper.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString())), paper.GetProperty("upvotes").GetInt32());
    }

    private static async Task<HttpStatusCode> PageStatusAsync(Uri node, string arxivId)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var response = await client.GetAsync("/papers/" + arxivId, Ct);
        return response.StatusCode;
    }
}
