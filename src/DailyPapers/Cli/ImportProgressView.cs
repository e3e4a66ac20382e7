using System.Collections.Concurrent;
using System.Globalization;
using DailyPapers.Ingest;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DailyPapers.Cli;

/// <summary>
/// The import's console output: a live progress display (bytes of the current file, papers/s) on a
/// terminal, plain lines otherwise; skipped records as <c>file:line: reason</c> on stderr; and a
/// summary line at the end.
/// </summary>
internal sealed class ImportProgressView(TimeProvider clock)
{
    /// <summary>Skipped records listed one by one; the rest only count (a broken file must not flood the terminal).</summary>
    private const int MaxListedProblems = 1000;

    private readonly bool _live = AnsiConsole.Profile.Capabilities.Interactive;
    private readonly ConcurrentQueue<string> _held = new();
    private readonly long _started = clock.GetTimestamp();
    private int _problems;

    public void Report(string problem)
    {
        if (Interlocked.Increment(ref _problems) > MaxListedProblems)
        {
            return;
        }
        // A live display owns the terminal; problems wait until it is done.
        if (_live)
        {
            _held.Enqueue(problem);
        }
        else
        {
            Console.Error.WriteLine(problem);
        }
    }

    /// <summary>An input that broke off: always shown, however many records were listed before it.</summary>
    public void ReportFailure(string failure)
    {
        if (_live)
        {
            _held.Enqueue(failure);
        }
        else
        {
            Console.Error.WriteLine(failure);
        }
    }

    public async Task RunAsync(IReadOnlyList<string> names, ImportProgress progress, Func<int, string, Task> import)
    {
        if (!_live)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var (read, skipped, unread) = (progress.Read, progress.Skipped, progress.Unread.Count);
                await import(i, names[i]);
                var stopped = progress.Unread.Count > unread ? "; " + progress.Unread[^1] : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{names[i]}: read {progress.Read - read}, skipped {progress.Skipped - skipped}{stopped}"));
            }
            return;
        }
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RateColumn(this, progress))
            .StartAsync(async context =>
            {
                for (var i = 0; i < names.Count; i++)
                {
                    var task = context.AddTask(Markup.Escape(Path.GetFileName(names[i])), maxValue: 1);
                    var running = import(i, names[i]);
                    while (!running.IsCompleted)
                    {
                        var (position, length) = progress.FileBytes;
                        task.MaxValue = Math.Max(length, 1);
                        task.Value = position;
                        await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(200), clock));
                    }
                    task.Value = task.MaxValue;
                    await running;
                }
            });
    }

    public void Finish(ImportProgress progress)
    {
        while (_held.TryDequeue(out var problem))
        {
            Console.Error.WriteLine(problem);
        }
        if (_problems > MaxListedProblems)
        {
            Console.Error.WriteLine($"... and {_problems - MaxListedProblems} more skipped records not listed");
        }
        var seconds = clock.GetElapsedTime(_started).TotalSeconds;
        Console.WriteLine(Summary(progress) + string.Create(CultureInfo.InvariantCulture, $"; {seconds:F1} s, {PapersPerSecond(progress.Read):F0} papers/s"));
    }

    /// <summary>
    /// Every category a record can end in, so the line adds up (read = inserted + updated +
    /// unchanged + merged duplicates + skipped), then how far any file that broke off was read.
    /// </summary>
    public static string Summary(ImportProgress progress)
    {
        var written = progress.Written;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"read {progress.Read}, inserted {written.Inserted}, updated {written.Updated}, unchanged {written.Unchanged}, " +
            $"merged duplicates {written.MergedDuplicates}, skipped {progress.Skipped}, new daily entries {written.NewDailyEntries}")
            + (progress.Cut > 0 ? string.Create(CultureInfo.InvariantCulture, $" (of them {progress.Cut} kept with a field cut to its limit)") : "");
        return string.Join("; ", progress.Unread.Prepend(line));
    }

    /// <summary>Records read per second since the start; at the end every read record has been written or skipped.</summary>
    private double PapersPerSecond(long count) => count / Math.Max(clock.GetElapsedTime(_started).TotalSeconds, 0.001);

    /// <summary>Papers written so far and the rate; written, not read, since parsing runs ahead of the database.</summary>
    private sealed class RateColumn(ImportProgressView view, ImportProgress progress) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var written = progress.Written.Papers;
            return new Text(string.Create(CultureInfo.InvariantCulture, $"{written} papers, {view.PapersPerSecond(written):F0}/s"));
        }
    }
}
