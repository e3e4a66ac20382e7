using System.CommandLine;
using DailyPapers.Data;
using DailyPapers.Mail;
using DailyPapers.Papers;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers digest compose [--date DAY] [--dry-run]</c> and <c>dailypapers digest preview ADDRESS</c>:
/// the site's digest composition, run once from the shell. Composing next to the site (or another
/// node) is safe: each period's digest has one outbox key.
/// </summary>
public static class DigestComposeCommand
{
    /// <summary>A bad --date or an address that is not subscribed: nothing ran.</summary>
    public const int BadInput = 2;

    public static Command Compose()
    {
        var date = new Option<string?>("--date") { Description = "Compose what is due at the end of this day (YYYY-MM-DD) in each subscriber's time zone. Default: what is due now" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be composed; write nothing" };
        var command = new Command("compose", "Compose every due digest into the outbox (the sender delivers them).") { date, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateOnly? day = null;
            if (parse.GetValue(date) is { } text)
            {
                if (!Days.TryParse(text, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"digest compose: invalid --date '{text}': expected YYYY-MM-DD, for example 2026-12-04.");
                    return BadInput;
                }
                day = parsed;
            }
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            // Saved searches ask the keyword index, which follows the catalog; a one-shot process brings it up to date first.
            await scope.ServiceProvider.GetRequiredService<SearchIndexes>().CatchUpAsync(cancellationToken);
            var run = await scope.ServiceProvider.GetRequiredService<DigestComposition>().ComposeDueAsync(day, parse.GetValue(dryRun), cancellationToken);
            foreach (var line in run.Lines)
            {
                Console.WriteLine(line);
            }
            Console.WriteLine(parse.GetValue(dryRun)
                ? $"dry run: would compose {run.Composed}, would skip {run.Skipped} (nothing new); nothing was written"
                : $"composed {run.Composed}, skipped {run.Skipped} (nothing new), already composed {run.AlreadyComposed}");
            return 0;
        });
        return command;
    }

    public static Command Preview()
    {
        var address = new Argument<string>("address") { Description = "The subscribed email address" };
        var html = new Option<bool>("--html") { Description = "Print the HTML part instead of the text part" };
        var command = new Command("preview", "Print the next digest of one subscription as it would be composed now; writes nothing.") { address, html };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var normalized = EmailAddress.Normalize(parse.GetValue(address), out var problem);
            if (normalized is null)
            {
                await Console.Error.WriteLineAsync("digest preview: " + problem);
                return BadInput;
            }
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.SavedSearches).SingleOrDefaultAsync(s => s.Address == normalized, cancellationToken);
            if (subscription is null)
            {
                await Console.Error.WriteLineAsync($"digest preview: {normalized} is not subscribed.");
                return BadInput;
            }
            await scope.ServiceProvider.GetRequiredService<SearchIndexes>().CatchUpAsync(cancellationToken);
            var draft = await scope.ServiceProvider.GetRequiredService<DigestComposition>().PreviewAsync(subscription, cancellationToken);
            var content = await scope.ServiceProvider.GetRequiredService<DigestWriter>().RenderAsync(draft, cancellationToken);
            Console.WriteLine($"To: {subscription.Address} ({subscription.State.ToString().ToLowerInvariant()})");
            Console.WriteLine($"Subject: {content.Subject}");
            Console.WriteLine($"Period: {draft.Period.Key}, due {draft.Period.DueAt:yyyy-MM-dd HH:mm} UTC{(draft.Note is null ? "" : "; " + draft.Note)}");
            Console.WriteLine();
            Console.WriteLine(parse.GetValue(html) ? content.Html : OutboxRows.CleanBody(content.Text));
            return 0;
        });
        return command;
    }
}
