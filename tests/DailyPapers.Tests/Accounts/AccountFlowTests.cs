using System.Net;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Mail;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Accounts;

/// <summary>Sign up, confirm, sign in and out, reset, lockout: through the pages, with the emails read back from a real SMTP server.</summary>
public sealed class AccountFlowTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task SignUpSendsAConfirmationLinkThatConfirmsTheAccountAndTheMemberCanSignInAndOut(Lane lane)
    {
        await using var rig = await AccountRig.CreateAsync(lane, smtp);
        var name = AccountRig.UniqueName("ada");
        var visitor = rig.NewVisitor();

        var (signedUp, notice) = await rig.SignUpAsync(visitor, name, AccountRig.AddressOf(name).ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);
        Assert.Equal("Check your inbox", notice.QuerySelector("h1")!.TextContent);
        var message = Assert.Single(await rig.MailToAsync(AccountRig.AddressOf(name)));
        Assert.Equal("Confirm your DailyPapers account", message.Subject);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountRig.SignInAsync(visitor, name, returnUrl: "/settings")).StatusCode);
        var (_, before) = await HtmlPage.GetAsync(visitor, "/settings");
        Assert.Contains("not confirmed yet", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var (confirmed, confirmedPage) = await HtmlPage.GetAsync(visitor, AccountRig.LinkIn(message, "/account/confirm"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Account confirmed", confirmedPage.QuerySelector("h1")!.TextContent);
        var (_, after) = await HtmlPage.GetAsync(visitor, "/settings");
        Assert.Contains("(confirmed)", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var (_, home) = await HtmlPage.GetAsync(visitor, "/");
        Assert.Equal(name, home.QuerySelector($".account-nav a[href='/users/{name}']")?.TextContent);

        var (signedOut, _) = await AccountRig.SubmitAsync(visitor, "/signout", "/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var settings = await visitor.GetAsync("/settings", Ct);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith(MailRig.BaseUrl + "/signin", settings.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUpWithAnAddressThatHasAnAccountLooksTheSameAndTellsOnlyTheOwner()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var owner = AccountRig.UniqueName("owner");
        await rig.ConfirmedMemberAsync(owner);

        var (takenAnswer, takenPage) = await rig.SignUpAsync(rig.NewVisitor(), AccountRig.UniqueName("other"), AccountRig.AddressOf(owner));
        var fresh = AccountRig.UniqueName("fresh");
        var (freshAnswer, freshPage) = await rig.SignUpAsync(rig.NewVisitor(), AccountRig.UniqueName("third"), AccountRig.AddressOf(fresh));

        Assert.Equal(freshAnswer.StatusCode, takenAnswer.StatusCode);
        Assert.Equal(freshPage.QuerySelector("main")!.TextContent.Replace(AccountRig.AddressOf(fresh), "ADDRESS", StringComparison.Ordinal),
            takenPage.QuerySelector("main")!.TextContent.Replace(AccountRig.AddressOf(owner), "ADDRESS", StringComparison.Ordinal));
        var toOwner = await rig.MailToAsync(AccountRig.AddressOf(owner), 2);
        Assert.Contains(toOwner, m => m.Subject == "Someone tried to sign up to DailyPapers with your address");
        var normalized = AccountRig.AddressOf(owner).ToUpperInvariant();
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalized, Ct)));
    }

    [Fact]
    public async Task ResetAnswersAlikeForUnknownAddressesAndTheLinkSetsANewPasswordAndEndsOtherSessions()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var name = AccountRig.UniqueName("grace");
        var elsewhere = await rig.ConfirmedMemberAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/settings", Ct)).StatusCode);

        var unknown = AccountRig.AddressOf(AccountRig.UniqueName("nobody"));
        var (_, unknownPage) = await AccountRig.SubmitAsync(rig.NewVisitor(), "/account/forgot", "/account/forgot", new() { ["email"] = unknown });
        var visitor = rig.NewVisitor();
        var (_, knownPage) = await AccountRig.SubmitAsync(visitor, "/account/forgot", "/account/forgot", new() { ["email"] = AccountRig.AddressOf(name) });
        Assert.Equal(unknownPage.QuerySelector("main")!.TextContent.Replace(unknown, "ADDRESS", StringComparison.Ordinal),
            knownPage.QuerySelector("main")!.TextContent.Replace(AccountRig.AddressOf(name), "ADDRESS", StringComparison.Ordinal));

        var reset = (await rig.MailToAsync(AccountRig.AddressOf(name), 2)).Single(m => m.Subject == "Reset your DailyPapers password");
        var link = AccountRig.LinkIn(reset, "/account/reset");
        var (changed, changedPage) = await AccountRig.SubmitAsync(visitor, link, "/account/reset", new() { ["password"] = "a-new-long-password" });
        Assert.Equal("Password changed", changedPage.QuerySelector("h1")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/settings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AccountRig.SignInAsync(rig.NewVisitor(), name)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountRig.SignInAsync(rig.NewVisitor(), name, "a-new-long-password")).StatusCode);
        var (again, _) = await AccountRig.SubmitAsync(visitor, link, "/account/reset", new() { ["password"] = "yet-another-password" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountWithTheSameAnswerAsAnUnknownUser()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp, new() { ["Accounts:LockoutFailures"] = "3" });
        var name = AccountRig.UniqueName("locked");
        await rig.ConfirmedMemberAsync(name);

        var unknown = await AccountRig.SubmitAsync(rig.NewVisitor(), "/signin", "/signin", new() { ["login"] = AccountRig.UniqueName("ghost"), ["password"] = "whatever-it-is" });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await AccountRig.SignInAsync(rig.NewVisitor(), name, "wrong-password-" + i)).StatusCode);
        }
        var locked = await AccountRig.SubmitAsync(rig.NewVisitor(), "/signin", "/signin", new() { ["login"] = name, ["password"] = "correct-horse-battery" });

        Assert.Equal(HttpStatusCode.BadRequest, locked.Response.StatusCode);
        Assert.Equal(unknown.Page.QuerySelector("[role=alert]")!.TextContent, locked.Page.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(await rig.App.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.LockoutEnd).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task SignInNeverRedirectsToAnotherSite(string returnUrl)
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var name = AccountRig.UniqueName("safe");
        var member = await rig.ConfirmedMemberAsync(name);

        var response = await AccountRig.SignInAsync(rig.NewVisitor(), name, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.NotNull(member);
    }

    [Fact]
    public async Task SignUpRefusesBadNamesWeakPasswordsAndFormsWithoutAToken()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var visitor = rig.NewVisitor();

        var (reserved, _) = await rig.SignUpAsync(visitor, "admin", "admin@example.org");
        var (spaces, _) = await rig.SignUpAsync(visitor, "two words", "two@example.org");
        var (weak, weakPage) = await rig.SignUpAsync(visitor, AccountRig.UniqueName("weak"), "weak@example.org", "short");
        var (untokened, _) = await MailRig.PostFormAsync(visitor, "/signup", new() { ["userName"] = "nocsrf", ["email"] = "nocsrf@example.org", ["password"] = "correct-horse-battery" });

        Assert.All(new[] { reserved, spaces, weak, untokened }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("10", weakPage.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.Users.CountAsync(Ct)));
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.Outbox.CountAsync(Ct)));
    }
}
