using DailyPapers.Cli;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DailyPapers.Tests.Mail;

/// <summary>
/// Nothing lost, nothing twice, counted in a real SMTP server: the real <c>dailypapers digest send</c>
/// killed with SIGKILL mid-run, the SMTP server stopped mid-run, two senders on one PostgreSQL.
/// </summary>
public sealed class OutboxDeliveryTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASenderKilledMidRunAndRunAgainDeliversEveryMessageAndRepeatsOnlyWithTheSameMessageId(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var batch = await SeedAsync(database, 300);

        long sentAtKill;
        using (var run = CliProcess.Start(database, Settings(), "digest", "send"))
        {
            sentAtKill = await WaitForSentAsync(database, run, atLeast: 30);
            run.Kill();
            await run.WaitAsync(TimeSpan.FromMinutes(1));
        }
        Assert.InRange(sentAtKill, 30, batch.Count - 1);
        // The row the killed sender held comes back once its lease (2 s here) has passed.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        var rerun = await CliProcess.RunWithAsync(database, Settings(), "digest", "send");

        Assert.Equal(DigestCommand.AllSent, rerun.ExitCode);
        await using var db = CatalogDump.Open(database);
        Assert.Equal(batch.Count, await db.Outbox.CountAsync(m => m.SentAt != null, Ct));
        var duplicates = await AssertEveryMessageArrivedAsync(batch, allowedDuplicates: 1);
        Report($"kill -9 at {sentAtKill} of {batch.Count} sent ({lane}): {duplicates} message(s) delivered twice, each copy with the same Message-ID");
    }

    [Fact]
    public async Task WhenTheSmtpServerGoesAwayMidRunTheRestIsRetriedLaterAndNoneIsLostOrDoubled()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var batch = await SeedAsync(database, 300);
        await using var relay = new SmtpRelay(smtp.SmtpPort);
        var settings = Settings();
        settings["Mail:Smtp:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (int ExitCode, string Stdout, string Stderr) first;
        using (var run = CliProcess.Start(database, settings, "digest", "send"))
        {
            await WaitForSentAsync(database, run, atLeast: 30);
            relay.Cut();
            first = await run.WaitAsync(TimeSpan.FromMinutes(2));
        }
        await using var db = CatalogDump.Open(database);
        var left = await db.Outbox.CountAsync(m => m.SentAt == null, Ct);
        var postponed = await db.Outbox.AsNoTracking().SingleAsync(m => m.SentAt == null && m.LastError != null, Ct);

        Assert.Equal(DigestCommand.SomePostponed, first.ExitCode);
        Assert.InRange(left, 1, batch.Count - 30);
        Assert.Null(postponed.FailedAt);
        Assert.True(postponed.NextAttemptAt > postponed.CreatedAt);
        // While the server is away, a run postpones again and sends nothing.
        Assert.Equal(DigestCommand.SomePostponed, (await CliProcess.RunWithAsync(database, settings, "digest", "send")).ExitCode);

        relay.Restore();
        var exitCode = -1;
        // The postponed rows wait out their backoff (0.5-2 s with these settings); the others go at once.
        for (var attempt = 0; attempt < 10 && exitCode != DigestCommand.AllSent; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            exitCode = (await CliProcess.RunWithAsync(database, settings, "digest", "send")).ExitCode;
        }

        Assert.Equal(DigestCommand.AllSent, exitCode);
        Assert.Equal(batch.Count, await db.Outbox.CountAsync(m => m.SentAt != null, Ct));
        var duplicates = await AssertEveryMessageArrivedAsync(batch, allowedDuplicates: 1);
        Report($"SMTP server away after {batch.Count - left} of {batch.Count}: {duplicates} message(s) delivered twice");
    }

    [Fact]
    public async Task TwoSendersOnOnePostgresDatabaseNeverSendAMessageTwice()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Postgres);
        var batch = await SeedAsync(database, 400);

        // The default lease's order of magnitude: a sender that stalls past its lease (a loaded
        // machine, seconds) gives up its row rather than racing the one that took it over.
        var settings = Settings();
        settings["Mail:Lease"] = "00:01:00";
        using var one = CliProcess.Start(database, settings, "digest", "send");
        using var two = CliProcess.Start(database, settings, "digest", "send");
        var results = await Task.WhenAll(one.WaitAsync(TimeSpan.FromMinutes(3)), two.WaitAsync(TimeSpan.FromMinutes(3)));

        Assert.All(results, result => Assert.Equal(DigestCommand.AllSent, result.ExitCode));
        // Both took part (each prints what it sent), and the shares add up to the batch.
        var shares = results.Select(r => int.Parse(r.Stdout.Split(' ', ',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(batch.Count, shares.Sum());
        Assert.Equal(0, await AssertEveryMessageArrivedAsync(batch, allowedDuplicates: 0));
        Report($"two senders: {shares[0]} + {shares[1]} messages");
    }

    /// <summary>Into the test's output (and the diagnostics stream, shown with the runner's -diagnostics).</summary>
    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = smtp.AppSettings();
        settings["Site:BaseUrl"] = MailRig.BaseUrl;
        settings["Mail:Lease"] = "00:00:02";
        settings["Mail:RetryDelay"] = "00:00:01";
        settings["Mail:Smtp:Timeout"] = "00:00:05";
        return settings;
    }

    /// <summary>A migrated database (the CLI itself migrates it) with <paramref name="count"/> due messages to distinct recipients.</summary>
    private static async Task<List<string>> SeedAsync(TestDatabase database, int count)
    {
        Assert.Equal(DigestCommand.AllSent, (await CliProcess.RunAsync(database, "digest", "send")).ExitCode);
        var run = Guid.NewGuid().ToString("N")[..8];
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var recipients = Enumerable.Range(0, count).Select(i => $"r{i:D4}.{run}@example.org").ToList();
        await using var db = CatalogDump.Open(database);
        db.Outbox.AddRange(recipients.Select((recipient, i) => new OutboxMessage
        {
            Key = $"digest:test-{run}:{i}",
            Kind = OutboxKinds.Digest,
            Recipient = recipient,
            Subject = $"Digest {i}",
            Html = $"<p>Message {i}</p>",
            Text = $"Message {i}",
            CreatedAt = now,
            NextAttemptAt = now.AddSeconds(-1),
        }));
        await db.SaveChangesAsync(Ct);
        return recipients;
    }

    private static async Task<long> WaitForSentAsync(TestDatabase database, CliProcess run, int atLeast)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
        {
            Assert.False(run.HasExited, "the sender finished before it could be interrupted");
            await using (var db = CatalogDump.Open(database))
            {
                var sent = await db.Outbox.CountAsync(m => m.SentAt != null, Ct);
                if (sent >= atLeast)
                {
                    return sent;
                }
            }
            await Task.Delay(20, Ct);
        }
        throw new TimeoutException("the sender did not get going");
    }

    /// <summary>
    /// Every recipient got its message; a recipient with more than one copy got copies with one
    /// Message-ID (recognisably the same message). Returns the number of extra copies.
    /// </summary>
    private async Task<int> AssertEveryMessageArrivedAsync(List<string> recipients, int allowedDuplicates)
    {
        var wanted = recipients.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var received = (await smtp.MessagesAsync()).Where(m => m.To.Any(wanted.Contains)).ToList();
        var byRecipient = received.GroupBy(m => m.To.Single(wanted.Contains), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var lost = recipients.Where(r => !byRecipient.ContainsKey(r)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} messages never arrived, e.g. {lost.FirstOrDefault()}");
        var extra = 0;
        var messageIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (recipient, copies) in byRecipient)
        {
            var ids = new List<string>();
            foreach (var copy in copies)
            {
                MimeMessage message = await smtp.SourceAsync(copy.Id);
                ids.Add(message.MessageId!);
            }
            Assert.Single(ids.Distinct());
            Assert.True(messageIds.Add(ids[0]), $"two recipients share Message-ID {ids[0]}");
            extra += copies.Count - 1;
        }
        Assert.InRange(extra, 0, allowedDuplicates);
        return extra;
    }
}
