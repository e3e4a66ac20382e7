using System.Net;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DailyPapers.Tests.Mail;

/// <summary>The links in emails: forged, expired and replayed ones change nothing; one-click unsubscribe works without cookies, a GET does not unsubscribe.</summary>
public sealed class SignedLinkPagesTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.org";

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task OneClickPostWithoutCookiesUnsubscribesAndAGetOnlyShowsTheButton(Lane lane)
    {
        await using var rig = await MailRig.CreateAsync(lane, smtp);
        var email = NewAddress("oneclick");
        var confirmation = await rig.SubscribeAndConfirmAsync(email);
        var link = MailRig.UnsubscribeLink(confirmation);

        var (shown, page) = await HtmlPage.GetAsync(rig.Client, link);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(link, page.QuerySelector("main form[method=post]")!.GetAttribute("action"));
        Assert.NotNull(page.QuerySelector("main form button[type=submit]"));
        Assert.Equal(SubscriptionState.Confirmed, (await rig.SubscriptionAsync(email))!.State);

        // As a mail provider does it (RFC 8058): a bare POST, no cookies, no antiforgery token.
        using var provider = rig.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var response = await provider.PostAsync(link, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var subscription = (await rig.SubscriptionAsync(email))!;
        Assert.Equal(SubscriptionState.Unsubscribed, subscription.State);
        Assert.NotNull(subscription.UnsubscribedAt);

        // Nothing more is mailed to it, even a digest queued before.
        await rig.QueueDigestAsync(subscription.Id, email, "2026-01-15");
        Assert.Equal(new SendRun(0, 0, 1), await rig.SendAsync());
        Assert.Single(await smtp.MessagesToAsync(email));
    }

    [Fact]
    public async Task ForgedLinksAnswer400AndChangeNothing()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp);
        var email = NewAddress("forged");
        await rig.SubscribeAsync(email);
        await rig.SendAsync();
        var confirm = MailRig.LinkIn(Assert.Single(await smtp.WaitForAsync(email)), "/subscribe/confirm");
        var token = confirm[(confirm.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        foreach (var forged in new[] { flipped, token[..^1], token + "A", "", "not-a-token", new string('A', 43) })
        {
            var (response, page) = await HtmlPage.GetAsync(rig.Client, "/subscribe/confirm?token=" + forged);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("This link is not valid", page.QuerySelector("h1")!.TextContent);
        }
        var (unsubscribe, _) = await HtmlPage.GetAsync(rig.Client, "/unsubscribe?token=" + flipped);
        var post = await rig.Client.PostAsync("/unsubscribe?token=" + flipped, null, Ct);
        // A confirmation token is not an unsubscribe token, even though it verifies.
        var wrongPurpose = await rig.Client.PostAsync("/unsubscribe?token=" + token, null, Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unsubscribe.StatusCode, post.StatusCode, wrongPurpose.StatusCode));
        Assert.Equal(SubscriptionState.Pending, (await rig.SubscriptionAsync(email))!.State);
    }

    [Fact]
    public async Task AConfirmationLinkExpiresAfterSevenDaysWith410()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp, services: services => services.AddSingleton<TimeProvider>(clock));
        var email = NewAddress("late");
        await rig.SubscribeAsync(email);
        await rig.SendAsync();
        var confirm = MailRig.LinkIn(Assert.Single(await smtp.WaitForAsync(email)), "/subscribe/confirm");

        clock.Advance(SignedLinks.ConfirmLifetime + TimeSpan.FromSeconds(1));
        var (response, page) = await HtmlPage.GetAsync(rig.Client, confirm);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("This link has expired", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(SubscriptionState.Pending, (await rig.SubscriptionAsync(email))!.State);
    }

    [Fact]
    public async Task LinksReplayedAfterUnsubscribingAnswer400AndChangeNothing()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp);
        var email = NewAddress("replayed");
        var confirmation = await rig.SubscribeAndConfirmAsync(email);
        var unsubscribe = MailRig.UnsubscribeLink(confirmation);
        Assert.Equal(HttpStatusCode.OK, (await rig.Client.PostAsync(unsubscribe, null, Ct)).StatusCode);
        var before = (await rig.SubscriptionAsync(email))!;

        var (confirmAgain, _) = await HtmlPage.GetAsync(rig.Client, MailRig.LinkIn(confirmation, "/subscribe/confirm"));
        var unsubscribeAgain = await rig.Client.PostAsync(unsubscribe, null, Ct);
        var (pageAgain, _) = await HtmlPage.GetAsync(rig.Client, unsubscribe);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (confirmAgain.StatusCode, unsubscribeAgain.StatusCode, pageAgain.StatusCode));
        var after = (await rig.SubscriptionAsync(email))!;
        Assert.Equal((SubscriptionState.Unsubscribed, before.TokenGeneration, before.StateChangedAt), (after.State, after.TokenGeneration, after.StateChangedAt));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NodesStartingTogetherShareOneSigningKey(Lane lane)
    {
        await using var rig = await MailRig.CreateAsync(lane, smtp);
        var secrets = Enumerable.Range(0, 8).Select(_ => new SiteSecrets(rig.App.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System)).ToList();

        var keys = await Task.WhenAll(secrets.Select(s => s.GetAsync("shared-test-key", Ct)));

        Assert.Single(keys.Select(Convert.ToHexString).Distinct());
        Assert.Equal(32, keys[0].Length);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.SiteSecrets.CountAsync(s => s.Name == "shared-test-key", Ct)));
    }

    [Fact]
    public async Task EveryOneCharacterChangeOfATokenIsRefused()
    {
        await using var rig = await MailRig.CreateAsync(Lane.Sqlite, smtp);
        var links = rig.App.Services.GetRequiredService<SignedLinks>();
        var token = await links.CreateAsync(LinkPurpose.Unsubscribe, new Subscription { Id = 42, Address = "x@example.org", TokenGeneration = 3 }, Ct);

        var (check, claim) = await links.CheckAsync(token, LinkPurpose.Unsubscribe, Ct);
        Assert.Equal((LinkCheck.Valid, new LinkClaim(LinkPurpose.Unsubscribe, 42, 3)), (check, claim));
        Assert.Equal(LinkCheck.Invalid, (await links.CheckAsync(token, LinkPurpose.Preferences, Ct)).Check);
        for (var i = 0; i < token.Length; i++)
        {
            foreach (var replacement in new[] { 'A', 'z', '-', '+', '=' })
            {
                if (token[i] != replacement)
                {
                    var changed = token[..i] + replacement + token[(i + 1)..];
                    Assert.Equal(LinkCheck.Invalid, (await links.CheckAsync(changed, LinkPurpose.Unsubscribe, Ct)).Check);
                }
            }
        }
    }
}
