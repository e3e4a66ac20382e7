using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using MimeKit;

namespace DailyPapers.Tests.Mail;

/// <summary>The default transport: complete .eml files in DATA/outbox/, no mail server needed.</summary>
public sealed class PickupDirectoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefaultEachMessageIsACompleteEmlFileInTheOutboxFolder()
    {
        // No Mail:Transport setting: the default.
        await using var rig = new MailRig(await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Site:BaseUrl"] = MailRig.BaseUrl, ["Mail:SendInBackground"] = "false" }), smtp: null);
        var app = rig.App;
        var addresses = new[] { "first@example.org", "second@example.org" };
        foreach (var address in addresses)
        {
            await rig.SubscribeAsync(address);
        }

        var run = await rig.SendAsync();

        Assert.Equal(new SendRun(2, 0, 0), run);
        var folder = Path.Combine(app.DataDirectory, "outbox");
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, file => Assert.EndsWith(".eml", file, StringComparison.Ordinal));
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            messages.Add(await MimeMessage.LoadAsync(file, Ct));
        }
        Assert.Equal(addresses, messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(messages, message =>
        {
            Assert.Equal("Confirm your DailyPapers subscription", message.Subject);
            Assert.Contains("https://papers.example.test/subscribe/confirm?token=", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("https://papers.example.test/subscribe/confirm?token=", message.HtmlBody, StringComparison.Ordinal);
            Assert.NotNull(message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.EndsWith("@papers.example.test", message.MessageId, StringComparison.Ordinal);
            Assert.Equal("digest@localhost", message.From.Mailboxes.Single().Address);
        });
        // The file is named by the Message-ID, so a resend after a crash replaces it instead of adding a copy.
        Assert.Equal(files.Order(), messages.Select(m => Path.Combine(folder, PickupDirectoryTransport.FileName(m.MessageId!) + ".eml")).Order());
    }

    [Fact]
    public async Task TheSiteDeliversQueuedMessagesInTheBackground()
    {
        await using var rig = new MailRig(await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Site:BaseUrl"] = MailRig.BaseUrl, ["Mail:SendInterval"] = "00:00:00.200" }), smtp: null);
        var folder = Path.Combine(rig.App.DataDirectory, "outbox");

        await rig.SubscribeAsync("background@example.org");

        var started = TimeProvider.System.GetTimestamp();
        while (!(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1) && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50, Ct);
        }
        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder, "*.eml")), Ct);
        Assert.Equal("background@example.org", message.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task LineBreaksInAnyQueuedFieldNeverBecomeHeaders()
    {
        await using var rig = new MailRig(await AppFactory.CreateAsync(Lane.Sqlite, new() { ["Site:BaseUrl"] = MailRig.BaseUrl, ["Mail:SendInBackground"] = "false" }), smtp: null);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        await rig.App.WithDbAsync(db => db.QueueAsync(new OutboxMessage
        {
            Key = "digest:x:\r\n2026-01-15\r\nBcc: key@example.org",
            Kind = OutboxKinds.Digest,
            Recipient = "reader@example.org",
            Subject = "Trending papers\r\nBcc: victim@example.org\nX-Injected: yes",
            Html = "<p>line one</p>\r\n<p>line two</p>",
            Text = "line one\r\nline two\u0000",
            CreatedAt = now,
            NextAttemptAt = now,
        }, Ct));
        Assert.Equal(new SendRun(1, 0, 0), await rig.SendAsync());

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(Path.Combine(rig.App.DataDirectory, "outbox"))), Ct);
        Assert.Equal("Trending papers Bcc: victim@example.org X-Injected: yes", message.Subject);
        Assert.Empty(message.Bcc);
        Assert.False(message.Headers.Contains("X-Injected"));
        Assert.Equal(["reader@example.org"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("line one\nline two", (message.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd());
    }
}
