using System.CommandLine;
using DailyPapers.Mail;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers digest send</c>: delivers every due outbox message once (through the configured
/// transport) and exits. Safe next to the site's own sender and next to other nodes: rows are
/// claimed one at a time under a lease.
/// </summary>
public static class DigestCommand
{
    /// <summary>Every due message was delivered (or nothing was due).</summary>
    public const int AllSent = 0;

    /// <summary>Some messages failed for good (a refused address, too many attempts); the rest were delivered.</summary>
    public const int SomeFailed = 1;

    /// <summary>The mail server could not be reached or refused for now: messages wait for a later run (backoff).</summary>
    public const int SomePostponed = 3;

    public static Command Create()
    {
        var digest = new Command("digest", "Email digests: compose due digests, deliver the outbox, preview one subscription's next digest.");
        digest.Subcommands.Add(DigestComposeCommand.Compose());
        var send = new Command("send", "Deliver every due message in the outbox once, then exit.");
        send.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            var sender = host.Services.GetRequiredService<OutboxSender>();
            var run = await sender.RunOnceAsync(cancellationToken);
            Console.WriteLine($"sent {run.Sent}, postponed {run.Postponed}, failed {run.Failed}");
            return run.Postponed > 0 ? SomePostponed : run.Failed > 0 ? SomeFailed : AllSent;
        });
        digest.Subcommands.Add(send);
        digest.Subcommands.Add(DigestComposeCommand.Preview());
        return digest;
    }
}
