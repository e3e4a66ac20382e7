using System.Diagnostics;
using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// Parses a whole file into memory, then writes it through <see cref="CatalogWriter"/> into a fresh
/// data directory, timing (wall and process CPU) each stage on its own. The end-to-end figure comes
/// from the real `dailypapers import` command (see docs/benchmarks.md); this splits it up.
/// </summary>
internal static class ImportStages
{
    public static async Task<int> RunAsync(string file, string? dataDirectory)
    {
        var format = InputFile.DetectFormat(file) ?? throw new InvalidDataException(file + ": unknown format");
        var (records, parse) = Measure(() =>
        {
            using var input = InputFile.Open(file);
            return format.Parse(input.Content, file, new ImportOptions()).Where(i => i.Record is not null).Select(i => i.Record!).ToList();
        });
        Report("parse", records.Count, parse);

        // A first pass into a scratch directory compiles the write path, so the measured pass shows steady-state cost.
        var scratch = Path.Combine(Path.GetTempPath(), "dailypapers-bench-" + Guid.NewGuid().ToString("N"));
        var (_, warmUp) = await WriteAsync(records.Take(4 * CatalogImporter.DefaultBatchSize).ToList(), scratch);
        Report("write (warm-up)", Math.Min(records.Count, 4 * CatalogImporter.DefaultBatchSize), warmUp);
        Directory.Delete(scratch, recursive: true);

        dataDirectory ??= Path.Combine(Path.GetTempPath(), "dailypapers-bench-" + Guid.NewGuid().ToString("N"));
        var (result, write) = await WriteAsync(records, dataDirectory);
        Report("write", records.Count, write);
        Console.WriteLine($"{result} into {dataDirectory}");
        return 0;
    }

    private static async Task<(WriteResult, (TimeSpan, TimeSpan))> WriteAsync(List<PaperRecord> records, string dataDirectory)
    {
        using var host = await CliHost.StartAsync(dataDirectory, CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<CatalogWriter>();
        return await MeasureAsync(async () =>
        {
            var total = WriteResult.None;
            foreach (var batch in records.Chunk(CatalogImporter.DefaultBatchSize))
            {
                total = total.Add(await writer.WriteAsync(batch, CatalogImporter.Source, CancellationToken.None));
            }
            return total;
        });
    }

    private static void Report(string stage, int count, (TimeSpan Wall, TimeSpan Cpu) time) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage}: {count} records, {time.Wall.TotalSeconds:F2} s wall, {time.Cpu.TotalSeconds:F2} s cpu, {count / time.Wall.TotalSeconds:F0}/s, {time.Cpu.TotalMicroseconds / count:F1} us cpu each"));

    private static (T, (TimeSpan, TimeSpan)) Measure<T>(Func<T> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = work();
        return (result, (wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu));
    }

    private static async Task<(T, (TimeSpan, TimeSpan))> MeasureAsync<T>(Func<Task<T>> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await work();
        return (result, (wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu));
    }
}
