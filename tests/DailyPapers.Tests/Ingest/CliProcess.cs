using System.Diagnostics;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Ingest;

/// <summary>The real <c>dailypapers</c> executable (built next to the tests), run against a test database.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CliProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static CliProcess Start(TestDatabase database, params string[] args) => Start(database, new Dictionary<string, string?>(), args);

    /// <summary>With extra configuration (<c>Mail:Smtp:Port</c>), passed as environment variables.</summary>
    public static CliProcess Start(TestDatabase database, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = database.DataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dailypapers.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(database.DataDirectory);
        foreach (var (key, value) in database.Settings().Where(s => s.Key != "data").Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return new CliProcess(Process.Start(start)!);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or an operator pulls the plug.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TestDatabase database, params string[] args)
    {
        using var process = Start(database, args);
        return await process.WaitAsync(TimeSpan.FromMinutes(5));
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var process = Start(database, settings, args);
        return await process.WaitAsync(TimeSpan.FromMinutes(5));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
