using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DailyPapers.Ingest;
using DailyPapers.Jobs;
using DailyPapers.Papers;
using Microsoft.Extensions.Options;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers harvest arxiv|hf</c>: fetches new papers from arXiv (OAI-PMH) or Hugging Face's
/// daily papers into the catalog. Exit codes: 0 done, 1 a harvest that stopped with an error (message
/// on stderr), 2 a bad command line, 75 another process is running the same harvest, 130 interrupted
/// (see docs/cli.md); a killed or failed arXiv harvest resumes where it stopped.
/// </summary>
public static class HarvestCommand
{
    public static Command Create()
    {
        var command = new Command("harvest", "Fetch papers from arXiv or Hugging Face into the catalog.");
        command.Subcommands.Add(CreateArxiv());
        command.Subcommands.Add(CreateHf());
        return command;
    }

    private static Command CreateArxiv()
    {
        var from = DayOption("--from", "First datestamp to harvest (YYYY-MM-DD). Default: where the last harvest stopped");
        var until = DayOption("--until", "Last datestamp to harvest (YYYY-MM-DD). Default: up to now");
        var set = new Option<string?>("--set") { Description = "OAI-PMH set, e.g. cs or physics:hep-th. Default: all of arXiv" };
        var format = new Option<string?>("--format") { Description = "Metadata format: arXivRaw (versions, exact times; the default) or arXiv (structured author names)" };
        format.AcceptOnlyFromAmong("arXiv", "arXivRaw");
        var command = new Command("arxiv", "Harvest arXiv's OAI-PMH ListRecords, following resumption tokens.") { from, until, set, format };
        command.Validators.Add(result =>
        {
            if (ValidDay(result, from) is { } first && ValidDay(result, until) is { } last && last < first)
            {
                result.AddError("--until must not be before --from.");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(parse, JobNames.HarvestArxiv, async (services, view, ct) =>
        {
            CheckWindow(services, ("--from", parse.GetValue(from)), ("--until", parse.GetValue(until)));
            var request = new ArxivHarvestRequest(parse.GetValue(from), parse.GetValue(until), parse.GetValue(set), parse.GetValue(format));
            var result = await services.GetRequiredService<ArxivHarvester>().RunAsync(request, view, ct);
            var watermark = result.Watermark?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
            await Console.Out.WriteLineAsync(
                $"harvest arxiv: {Count(result.Pages, "page")}, {Count(result.Papers, "paper")} ({result.Written.Inserted} new, {result.Written.Updated} updated, {result.Written.Unchanged} unchanged), " +
                $"{result.Deleted} deleted, {result.Skipped} skipped; harvested up to {watermark}.");
        }, cancellationToken));
        return command;
    }

    private static Command CreateHf()
    {
        var date = DayOption("--date", "Feed day to fetch (YYYY-MM-DD)");
        date.Required = true;
        var until = DayOption("--until", "Last day to fetch, for a range starting at --date");
        var command = new Command("hf", "Fetch Hugging Face daily papers for a day (or a range) and put them on those days.") { date, until };
        command.Validators.Add(result =>
        {
            if (ValidDay(result, date) is { } first && ValidDay(result, until) is { } last && last < first)
            {
                result.AddError("--until must not be before --date.");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(parse, JobNames.HarvestHf, async (services, view, ct) =>
        {
            CheckWindow(services, ("--date", parse.GetValue(date)), ("--until", parse.GetValue(until)));
            var first = parse.GetValue(date)!.Value;
            var result = await services.GetRequiredService<HfHarvester>().RunAsync(first, parse.GetValue(until) ?? first, view, ct);
            await Console.Out.WriteLineAsync(
                $"harvest hf: {Count(result.Days, "day")}, {Count(result.Papers, "paper")} ({result.Written.Inserted} new, {result.Written.Updated} updated, {result.Written.Unchanged} unchanged), " +
                $"{result.Written.NewDailyEntries} new daily entries, {result.Skipped} skipped.");
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Runs the harvest under the source's lease, the one the site's schedule takes, so a cron job and
    /// a scheduled harvest never fetch from the same source at once.
    /// </summary>
    private static async Task<int> RunAsync(
        ParseResult parse, string lease, Func<IServiceProvider, HarvestProgressView, CancellationToken, Task> harvest, CancellationToken cancellationToken)
    {
        try
        {
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var jobs = scope.ServiceProvider.GetRequiredService<ClusterJobs>();
            var length = scope.ServiceProvider.GetRequiredService<IOptions<HarvestOptions>>().Value.Schedule.Lease;
            var run = await jobs.RunOnceAsync(lease, length, async ct =>
            {
                await harvest(scope.ServiceProvider, new HarvestProgressView(Console.Out, Console.Error), ct);
                return true;
            }, cancellationToken);
            if (!run.Ran)
            {
                await Console.Error.WriteLineAsync(
                    $"harvest: {await jobs.HolderAsync(lease, cancellationToken) ?? "another process"} is running this harvest; nothing done, try again later.");
                return CliCommands.LeaseHeld;
            }
            return 0;
        }
        catch (Exception exception) when (exception is HarvestException or LeaseLostException)
        {
            await Console.Error.WriteLineAsync("harvest: " + exception.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("harvest: interrupted; committed pages are kept and the next run resumes after them.");
            return 130;
        }
    }

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    // Validators run even when an option failed to parse (and then GetValue throws): read the text again.
    private static DateOnly? ValidDay(CommandResult result, Option<DateOnly?> option) =>
        result.GetResult(option) is { Tokens: [var token, ..] } ? ParseDay(token.Value) : null;

    private static DateOnly? ParseDay(string text) => Days.TryParse(text, out var day) ? day : null;

    /// <summary>A day outside the catalog's plausible days stops the harvest before any request (a year-9999 --until would only fetch nothing for ages).</summary>
    private static void CheckWindow(IServiceProvider services, params (string Name, DateOnly? Day)[] days)
    {
        var window = DayWindow.Today(services.GetRequiredService<IOptions<CatalogOptions>>(), services.GetRequiredService<TimeProvider>());
        foreach (var (name, day) in days)
        {
            if (window.Check(name + ":", day) is { } outside)
            {
                throw new HarvestException(outside);
            }
        }
    }

    private static Option<DateOnly?> DayOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            var day = ParseDay(text);
            if (day is null)
            {
                result.AddError($"{name}: '{text}' is not a day (YYYY-MM-DD).");
            }
            return day;
        },
    };
}
