using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own, in a temp folder on a free port, that the test may stop
/// and start (a database restart while the app serves). Runs the server binaries as the
/// <c>postgres</c> user when the tests run as root (initdb refuses root), as the suite's script does.
/// It belongs to the PostgreSQL lane: without <c>DAILYPAPERS_TEST_PG</c> it skips, and fails under CI.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private static readonly string BinDirectory = Environment.GetEnvironmentVariable("DAILYPAPERS_PG_BIN") ?? "/usr/lib/postgresql/15/bin";

    private readonly string _folder;
    private readonly int _port;

    private ThrowawayPostgres(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    /// <summary>Connection string of the server's <c>postgres</c> database, for <see cref="TestDatabase.CreateOnServerAsync"/>.</summary>
    public string Server => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5";

    public static async Task<ThrowawayPostgres> StartNewAsync()
    {
        _ = Lanes.PostgresServer();
        var folder = Path.Combine(Path.GetTempPath(), "dailypapers-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", folder);
        }
        var server = new ThrowawayPostgres(folder, FreePort());
        await RunAsPostgresAsync(Path.Combine(BinDirectory, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
        await server.StartAsync();
        return server;
    }

    public Task StartAsync() => RunAsPostgresAsync(Path.Combine(BinDirectory, "pg_ctl"), "-D", Path.Combine(_folder, "data"),
        "-o", $"-h 127.0.0.1 -p {_port} -k {_folder} -c fsync=off", "-l", Path.Combine(_folder, "log"), "-w", "start");

    /// <summary>A fast shutdown, as a restart or failover does it: open connections are terminated.</summary>
    public Task StopAsync() => RunAsPostgresAsync(Path.Combine(BinDirectory, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder later.
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
