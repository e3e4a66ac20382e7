using System.Net;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Mail;

/// <summary>Subscribe, confirm, unsubscribe through the site, with the emails read back from a real SMTP server.</summary>
public sealed class SubscriptionFlowTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@Example.ORG";

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheConfirmationEmailArrivesAndItsLinkConfirmsTheAddress(Lane lane)
    {
        await using var rig = await MailRig.CreateAsync(lane, smtp);
        var email = NewAddress("Ada");
        var stored = email[..email.IndexOf('@', StringComparison.Ordinal)] + "@example.org";

        var (answer, page) = await rig.SubscribeAsync(email);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Check your inbox", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(SubscriptionState.Pending, (await rig.SubscriptionAsync(stored))!.State);
        Assert.Equal(new SendRun(1, 0, 0), await rig.SendAsync());
        var message = Assert.Single(await smtp.WaitForAsync(stored));
        Assert.Equal("Confirm your DailyPapers subscription", message.Subject);
        Assert.Equal(stored, message.To.Mailboxes.Single().Address);
        Assert.EndsWith("@papers.example.test", message.MessageId, StringComparison.Ordinal);
        Assert.Equal("DailyPapers <dailypapers.papers.example.test>", message.Headers["List-Id"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        MailRig.UnsubscribeLink(message);
        Assert.NotEqual(default, message.Date);
        Assert.Contains("/subscribe/confirm?token=", message.HtmlBody, StringComparison.Ordinal);

        var confirm = MailRig.LinkIn(message, "/subscribe/confirm");
        var (first, confirmedPage) = await HtmlPage.GetAsync(rig.Client, confirm);
        var (again, _) = await HtmlPage.GetAsync(rig.Client, confirm);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal("You are subscribed", confirmedPage.QuerySelector("h1")!.TextContent);
        var subscription = (await rig.SubscriptionAsync(stored))!;
        Assert.Equal(SubscriptionState.Confirmed, subscription.State);
        Assert.NotNull(subscription.ConfirmedAt);
    }

    [Fact]
    public async Task AConfirmedAddressGetsTheSameAnswerAsANewOneAndAnAlreadySubscribedEmail()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp, new() { ["Mail:ResendInterval"] = "00:00:00" });
        var known = NewAddress("known").ToLowerInvariant();
        var fresh = NewAddress("fresh").ToLowerInvariant();
        await rig.SubscribeAndConfirmAsync(known);

        var (knownAnswer, knownPage) = await rig.SubscribeAsync(known);
        var (freshAnswer, freshPage) = await rig.SubscribeAsync(fresh);
        await rig.SendAsync();

        Assert.Equal(knownAnswer.StatusCode, freshAnswer.StatusCode);
        Assert.Equal(knownPage.QuerySelector("main")!.TextContent.Replace(known, "ADDRESS", StringComparison.Ordinal),
            freshPage.QuerySelector("main")!.TextContent.Replace(fresh, "ADDRESS", StringComparison.Ordinal));
        var toKnown = await smtp.WaitForAsync(known, 2);
        Assert.Equal(["Confirm your DailyPapers subscription", "You are already subscribed to DailyPapers"], toKnown.Select(m => m.Subject).Order());
        Assert.Contains("/preferences?token=", toKnown.Single(m => m.Subject?.Contains("already", StringComparison.Ordinal) == true).TextBody ?? "", StringComparison.Ordinal);
        Assert.Equal("Confirm your DailyPapers subscription", Assert.Single(await smtp.WaitForAsync(fresh)).Subject);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.Address == known, Ct)));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@example.org, three@example.org")]
    [InlineData("Ada Lovelace <ada@example.org>")]
    [InlineData("<ada@example.org>")]
    [InlineData("group: ada@example.org;")]
    [InlineData("ada@example.org\r\nBcc: victim@example.org")]
    [InlineData("ada@example.org\nSubject: hi")]
    [InlineData("ada\r\n@example.org")]
    [InlineData("ada@localhost")]
    [InlineData("@example.org")]
    [InlineData("ada@")]
    [InlineData("")]
    public async Task MalformedAddressesAndHeaderInjectionAreRefusedAndNothingIsStored(string email)
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp);

        var (response, page) = await rig.SubscribeAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.Subscriptions.CountAsync(Ct)));
        Assert.Equal(0, await rig.OutboxCountAsync());
    }

    [Fact]
    public async Task TooLongAddressesAreRefused()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp);

        var (localTooLong, _) = await rig.SubscribeAsync(new string('a', 65) + "@example.org");
        var (wholeTooLong, _) = await rig.SubscribeAsync("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".org");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (localTooLong.StatusCode, wholeTooLong.StatusCode));
        Assert.Equal(0, await rig.OutboxCountAsync());
    }

    [Fact]
    public async Task APostWithoutATokenFromTheCachedBoxGetsAFormWithOneAndStoresNothing()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp);
        var email = NewAddress("boxed").ToLowerInvariant();

        var (response, page) = await MailRig.PostFormAsync(rig.Client, "/subscribe", new() { ["email"] = email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Confirm your subscription", page.QuerySelector("h1")!.TextContent);
        var form = page.QuerySelector("main form[action='/subscribe'][method=post]")!;
        Assert.Equal(email, form.QuerySelector("input[name=email]")!.GetAttribute("value"));
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[type=hidden]")!.GetAttribute("value")));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.Subscriptions.CountAsync(Ct)));

        var (confirmed, _) = await MailRig.PostFormAsync(rig.Client, "/subscribe", new()
        {
            [form.QuerySelector("input[type=hidden]")!.GetAttribute("name")!] = form.QuerySelector("input[type=hidden]")!.GetAttribute("value")!,
            ["email"] = email,
        });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull(await rig.SubscriptionAsync(email));
    }

    [Fact]
    public async Task SubscribingIsRateLimitedPerAddressAndPerClientWith429AndRetryAfter()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp, new()
        {
            ["Mail:SubscribesPerAddressPerHour"] = "2",
            ["Mail:SubscribesPerClientPerMinute"] = "4",
        });
        var email = NewAddress("limited").ToLowerInvariant();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await rig.SubscribeAsync(email)).Response);
        }
        answers.Add((await rig.SubscribeAsync(NewAddress("other"))).Response);
        answers.Add((await rig.SubscribeAsync(NewAddress("third"))).Response);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            answers.Select(a => a.StatusCode));
        Assert.InRange(answers[2].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.InRange(answers[4].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        // The pending address got one confirmation email: the second request fell within the resend interval.
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Recipient == email, Ct)));
    }
}
