using System.CommandLine;
using DailyPapers.Ingest;
using DailyPapers.Papers;
using Microsoft.Extensions.Options;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers import PATH…</c>: loads paper metadata files (or folders of them, gzipped or not)
/// into the catalog. Exit code 0 when every record imported, 1 when some were skipped as unreadable
/// (each reported as <c>file:line: reason</c>), 2 when an input is unusable (missing, unknown format,
/// unreadable to the end); <see cref="CliCommands"/> adds the codes every verb shares (docs/cli.md).
/// </summary>
public static class ImportCommand
{
    public const int AllImported = 0;
    public const int SomeSkipped = 1;
    public const int UnusableInput = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (searched recursively; .gz is read transparently)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "Read every input as this format instead of detecting it: " + string.Join(", ", ImportFormats.Names) };
        var date = new Option<string?>("--date") { Description = "Feed day (YYYY-MM-DD) of Hugging Face daily_papers responses whose file name does not say it" };
        var command = new Command("import", "Import paper metadata files into the catalog.") { paths, format, date };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(paths) ?? [], parse.GetValue(format), parse.GetValue(date), parse.GetValue(CliCommands.DataOption), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, string? formatName, string? date, string? dataDirectory, CancellationToken cancellationToken)
    {
        var options = new ImportOptions();
        if (date is not null)
        {
            if (!Days.TryParse(date, out var day))
            {
                return Unusable($"--date: '{date}' is not a day (YYYY-MM-DD)");
            }
            options = options with { Day = day };
        }
        ImportFormat? forced = null;
        if (formatName is not null && (forced = ImportFormats.Named(formatName)) is null)
        {
            return Unusable($"--format: unknown format '{formatName}' (known: {string.Join(", ", ImportFormats.Names)})");
        }
        var inputs = new List<(string Path, string Name, ImportFormat Format)>();
        foreach (var (path, name) in Expand(paths))
        {
            if (!File.Exists(path))
            {
                return Unusable($"{name}: no such file or folder");
            }
            var detected = forced ?? InputFile.DetectFormat(path);
            if (detected is null)
            {
                return Unusable($"{name}: unknown format (use --format: {string.Join(", ", ImportFormats.Names)})");
            }
            inputs.Add((path, name, detected));
        }
        if (inputs.Count == 0)
        {
            return Unusable("no importable files (.jsonl, .json, .ndjson, .xml, also .gz) in " + string.Join(", ", paths));
        }

        using var host = await CliHost.StartAsync(dataDirectory, cancellationToken);
        var clock = host.Services.GetRequiredService<TimeProvider>();
        options = options with { Window = DayWindow.Today(host.Services.GetRequiredService<IOptions<CatalogOptions>>(), clock) };
        if (options.Window.Check("--date:", options.Day) is { } outside)
        {
            return Unusable(outside);
        }
        var view = new ImportProgressView(clock);
        var progress = new ImportProgress { Problem = view.Report, Failure = view.ReportFailure };
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
            await view.RunAsync(inputs.Select(i => i.Name).ToList(), progress, async (index, _) =>
            {
                var (path, name, format) = inputs[index];
                await importer.ImportAsync(path, name, format, options, progress, cancellationToken);
            });
        }
        view.Finish(progress);
        return progress.Failures.Count > 0 ? UnusableInput : progress.Skipped > 0 ? SomeSkipped : AllImported;
    }

    /// <summary>Files as given, and the importable files under folders (sorted, so runs are repeatable).</summary>
    private static IEnumerable<(string Path, string Name)> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return (path, path);
                continue;
            }
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(InputFile.LooksImportable)
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                yield return (file, file);
            }
        }
    }

    private static int Unusable(string message)
    {
        Console.Error.WriteLine(message);
        return UnusableInput;
    }
}
