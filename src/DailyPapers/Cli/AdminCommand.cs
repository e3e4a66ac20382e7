using System.CommandLine;
using DailyPapers.Moderation;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers admin</c>: the operator's moderation verbs. <c>grant USER</c> makes a member a
/// moderator (the site has no other way to make the first one); the others do what the moderator
/// buttons do, logged publicly as by "operator".
/// </summary>
public static class AdminCommand
{
    public const int NotDone = 1;

    public static Command Create()
    {
        var command = new Command("admin", "Moderation: grant or revoke moderator rights, hide papers, disable accounts.");
        command.Subcommands.Add(Verb("grant", "Make USER a moderator.", "user", (m, target, _, ct) => m.SetAdminAsync(target, admin: true, ct)));
        command.Subcommands.Add(Verb("revoke", "End USER's moderator rights.", "user", (m, target, _, ct) => m.SetAdminAsync(target, admin: false, ct)));
        command.Subcommands.Add(Verb("hide", "Hide a paper (by arXiv id) from every list, feed, search and API answer.", "arxiv-id", (m, target, reason, ct) =>
            Papers.ArxivId.TryParse(target, out var id, out _, out var why)
                ? m.HidePaperAsync(id, Moderating.Operator, reason, hide: true, ct)
                : Task.FromResult(new Moderating.Outcome(false, $"'{target}' is not an arXiv id ({why})."))));
        command.Subcommands.Add(Verb("show", "Show a hidden paper again.", "arxiv-id", (m, target, reason, ct) =>
            Papers.ArxivId.TryParse(target, out var id, out _, out var why)
                ? m.HidePaperAsync(id, Moderating.Operator, reason, hide: false, ct)
                : Task.FromResult(new Moderating.Outcome(false, $"'{target}' is not an arXiv id ({why})."))));
        command.Subcommands.Add(Verb("disable", "Disable USER: signed out everywhere, tokens refused.", "user", (m, target, reason, ct) => m.DisableAccountAsync(target, Moderating.Operator, reason, disable: true, ct)));
        command.Subcommands.Add(Verb("enable", "Let a disabled USER sign in again.", "user", (m, target, reason, ct) => m.DisableAccountAsync(target, Moderating.Operator, reason, disable: false, ct)));
        return command;
    }

    private static Command Verb(string name, string description, string argumentName, Func<Moderating, string, string?, CancellationToken, Task<Moderating.Outcome>> act)
    {
        var target = new Argument<string>(argumentName) { Description = "Who or what." };
        var reason = new Option<string?>("--reason") { Description = "Why (shown in the public moderation log)." };
        var command = new Command(name, description) { target, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await act(scope.ServiceProvider.GetRequiredService<Moderating>(), parse.GetValue(target)!, parse.GetValue(reason), cancellationToken);
            (outcome.Done ? Console.Out : Console.Error).WriteLine(outcome.Message);
            return outcome.Done ? 0 : NotDone;
        });
        return command;
    }
}
