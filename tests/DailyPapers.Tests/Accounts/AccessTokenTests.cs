using System.Net;
using System.Net.Http.Json;
using DailyPapers.Accounts;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Accounts;

/// <summary>Personal access tokens: made on the settings page, shown once, stored as a hash, accepted as Bearer until revoked or expired.</summary>
public sealed class AccessTokenTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ATokenActsAsItsOwnerUntilRevokedAndOnlyItsHashIsStored(Lane lane)
    {
        await using var rig = await AccountRig.CreateAsync(lane, smtp);
        var name = AccountRig.UniqueName("bot-owner");
        var member = await rig.ConfirmedMemberAsync(name);

        var secret = await AccountRig.CreateTokenAsync(member, "my bot");
        var api = rig.WithToken(secret);
        var me = await api.GetFromJsonAsync<AccountsApi.WhoAmIDto>("/api/whoami-v2", Ct);

        Assert.Equal(name, me!.Name);
        Assert.True(me.EmailVerified);
        var stored = await rig.App.WithDbAsync(db => db.AccessTokens.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(AccessTokens.HashOf(secret), stored.Hash);
        Assert.DoesNotContain(secret[AccessTokens.Prefix.Length..], stored.Prefix, StringComparison.Ordinal);
        var (_, list) = await HtmlPage.GetAsync(member, "/settings/tokens");
        Assert.DoesNotContain(secret, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("my bot", list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        var (revoked, _) = await AccountRig.SubmitAsync(member, "/settings/tokens", $"/settings/tokens/{stored.Id}/revoke", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var after = await api.GetAsync("/api/whoami-v2", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExpiredForgedAndDisabledAccountsTokensAreRefusedAndCookiesDoNotOpenTheApi()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var name = AccountRig.UniqueName("expiring");
        var member = await rig.ConfirmedMemberAsync(name);
        var expiring = await AccountRig.CreateTokenAsync(member, "old");
        var disabled = await AccountRig.CreateTokenAsync(member, "other");

        var expired = rig.Now.AddMinutes(-1);
        await rig.App.WithDbAsync(db => db.AccessTokens.Where(t => t.Name == "old").ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, expired), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.WithToken(expiring).GetAsync("/api/whoami-v2", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.WithToken(disabled[..^2] + "xx").GetAsync("/api/whoami-v2", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.WithToken("not-a-token").GetAsync("/api/whoami-v2", Ct)).StatusCode);
        // The session cookie is for pages; the API takes tokens only, so no cross-site form can act through it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/whoami-v2", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await rig.WithToken(disabled).GetAsync("/api/whoami-v2", Ct)).StatusCode);
        var now = rig.Now;
        await rig.App.WithDbAsync(db => db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, now), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.WithToken(disabled).GetAsync("/api/whoami-v2", Ct)).StatusCode);
    }
}
