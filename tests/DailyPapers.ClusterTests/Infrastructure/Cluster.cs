using System.Diagnostics;
using DailyPapers.Tests.Infrastructure;
using Npgsql;

[assembly: AssemblyFixture(typeof(DailyPapers.ClusterTests.Infrastructure.Cluster))]

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>
/// The loopback cluster of <c>scripts/cluster.sh</c>, started once for the whole lane: its own
/// PostgreSQL (restarted by a test, so never the suite's shared one), two nodes of the published
/// build as real processes, nginx in front, and smtp4dev for their mail. The nodes compose digests
/// every 5 s instead of every minute so the scheduler test needs no long wait; every other setting,
/// the freshness bounds included, is the default.
/// </summary>
public sealed class Cluster : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("dailypapers-cluster-").FullName;
    private Dictionary<string, string> _env = [];

    public Smtp4dev Mail { get; } = new();

    public Uri Proxy => Address("PROXY_PORT");

    public Uri Node1 => Address("PORT_node1");

    public Uri Node2 => Address("PORT_node2");

    public string PostgresPort => _env["PG_PORT"];

    public string ConnectionString => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database=dailypapers";

    /// <summary>The published build the nodes run, for extra processes (the backup test's node).</summary>
    public string App => _env["APP"];

    /// <summary>Papers of the fixture catalog (the first ones of the bundled demo catalog), in file order.</summary>
    public IReadOnlyList<CatalogRecord> Catalog { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        if (Prerequisites.Missing() is not null)
        {
            return; // Each test then fails (CI) or skips (locally) with the message, in Require.
        }
        await Mail.InitializeAsync();
        Catalog = await CatalogRecord.DemoSliceAsync(Repository.Root, 300);
        var catalogFile = Path.Combine(_state, "catalog.jsonl");
        await CatalogRecord.WriteAsync(catalogFile, Catalog);
        // The nodes run the app as this test run built it, published without compiling it again.
        await ScriptAsync(["up"], new() { ["DAILYPAPERS_CLUSTER_CATALOG"] = catalogFile, ["DAILYPAPERS_CLUSTER_PUBLISH"] = $"-c {BuildConfiguration} --no-build" }, TimeSpan.FromMinutes(6));
        _env = await ReadEnvAsync();
    }

    /// <summary>Called first by every test: fails under CI, skips locally, when the machine lacks what the cluster needs.</summary>
    public Cluster Require()
    {
        Prerequisites.Require();
        return this;
    }

    public Uri Node(string name) => name switch { "node1" => Node1, "node2" => Node2, _ => throw new ArgumentOutOfRangeException(nameof(name)) };

    /// <summary>Runs <c>scripts/cluster.sh VERB ...</c> against this cluster; fails the test on a non-zero exit.</summary>
    public Task<string> ScriptAsync(params string[] args) => ScriptAsync(args, [], TimeSpan.FromMinutes(3));

    /// <summary>A dailypapers verb with the cluster's database settings, as an operator runs it.</summary>
    public Task<string> CliAsync(params string[] args) => ScriptAsync(["cli", .. args]);

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_env.Count > 0 || File.Exists(Path.Combine(_state, "cluster.env")))
            {
                await ScriptAsync(["down"], [], TimeSpan.FromMinutes(1));
            }
        }
        finally
        {
            await Mail.DisposeAsync();
            Directory.Delete(_state, recursive: true);
        }
    }

    private async Task<string> ScriptAsync(string[] args, Dictionary<string, string> extra, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DAILYPAPERS_CLUSTER_DIR"] = _state;
        start.Environment["DAILYPAPERS_CLUSTER_SMTP"] = $"127.0.0.1:{Mail.SmtpPort}";
        start.Environment["Mail__ComposeInterval"] = "00:00:05";
        start.Environment["Mail__SendInterval"] = "00:00:01";
        // The tests sign up and subscribe from one address (loopback), more often than a visitor would.
        start.Environment["Mail__SubscribesPerClientPerMinute"] = "1000";
        foreach (var (key, value) in extra)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        Assert.True(process.ExitCode == 0, $"cluster.sh {string.Join(' ', args)} exited with {process.ExitCode}: {await errors}{await output}");
        return await output + await errors;
    }

    private async Task<Dictionary<string, string>> ReadEnvAsync()
    {
        var env = new Dictionary<string, string>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(_state, "cluster.env")))
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            env[key] = value.Trim('\'');
        }
        return env;
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private Uri Address(string portKey) => new($"http://127.0.0.1:{_env[portKey]}/");
}
