using System.Globalization;
using DailyPapers.Search;
using Spectre.Console;

namespace DailyPapers.Cli;

/// <summary>
/// Progress of an embedding run: a live bar with papers/s and time left on a terminal, a plain line
/// every few seconds otherwise (logs, CI).
/// </summary>
internal sealed class EmbedProgressView(TimeProvider clock)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(string title, Func<IProgress<EmbedProgress>, Task<int>> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = clock.GetTimestamp();
            var lines = new Progress<EmbedProgress>(p =>
            {
                if (clock.GetElapsedTime(last) >= PlainEvery || p.Done == p.Total)
                {
                    last = clock.GetTimestamp();
                    Console.WriteLine($"{title}: {Describe(p)}");
                }
            });
            return await run(lines);
        }
        var done = 0;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var bar = new Progress<EmbedProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{title}: {Describe(p)}");
                });
                done = await run(bar);
                task.Value = task.MaxValue;
            });
        return done;
    }

    public static string Describe(EmbedProgress p)
    {
        var left = p.Remaining is { } remaining ? $", {Duration(remaining)} left" : "";
        var reused = p.Reused > 0 ? $" ({p.Reused} unchanged)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} papers{reused}, {p.PapersPerSecond:0.0} papers/s{left}");
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s" : $"{span.Seconds}s";
}
