using System.Diagnostics;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>Runs an operator's tool (pg_dump, sqlite3, the published dailypapers) and fails the test when it fails.</summary>
public static class Tool
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, Dictionary<string, string>? environment = null, string? user = null)
    {
        var start = new ProcessStartInfo(user is null ? file : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (user is not null)
        {
            foreach (var arg in new[] { "-u", user, "--", file })
            {
                start.ArgumentList.Add(arg);
            }
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}
