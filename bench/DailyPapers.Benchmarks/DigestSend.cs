using System.Diagnostics;
using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>digest-send DATA_DIR SMTP_PORT [LIMIT]</c>: delivers every pending outbox row (or the first LIMIT) of the catalog in
/// DATA_DIR (composed before, e.g. by <c>digest-compose</c>) over SMTP to 127.0.0.1:SMTP_PORT with
/// the site's own sender (claims, leases, MIME building, one reused connection), and prints the
/// messages per second, the process's peak RSS and what stays alive after the run. Use a copy: the rows are marked sent.
/// </summary>
internal static class DigestSend
{
    public static async Task<int> RunAsync(string data, int port, int limit)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None, new Dictionary<string, string?>
        {
            ["Mail:Transport"] = "smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "none",
        });
        int pending;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            pending = Math.Min(limit, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.CountAsync(m => m.SentAt == null));
        }
        var sender = host.Services.GetRequiredService<OutboxSender>();
        var started = Stopwatch.GetTimestamp();
        var run = await sender.RunOnceAsync(CancellationToken.None, limit);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // What the run left alive: a sender that keeps anything per message shows it here first.
        var liveAfter = GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pending} pending: sent {run.Sent}, postponed {run.Postponed}, failed {run.Failed} in {seconds:F1} s " +
            $"({run.Sent / Math.Max(seconds, 0.001):F0} messages/s); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB, live heap after it {liveAfter} MB; load {EmbedThroughput.LoadAverage()}"));
        return run.Sent == pending ? 0 : 1;
    }
}
