using System.Net;
using System.Security.Cryptography;
using DailyPapers.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DailyPapers.Tests.Web;

/// <summary>
/// The Data Protection key ring lives in the database: what one node protects, every node on that
/// database accepts, after restarts too, and nothing on a node's disk takes part.
/// </summary>
public sealed class SharedKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Purpose = "SharedKeyRingTests";

    [Fact]
    public async Task AnAntiforgeryTokenAndAPagingCursorFromOneNodeAreAcceptedByAnotherOnTheSamePostgresDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Postgres);
        await using var otherNode = database.AnotherNode();
        // Each node in a folder of its own: Data Protection would otherwise tell them apart by content root.
        await using var first = await AppFactory.CreateOnAsync(database, contentRoot: ContentRootIn(database));
        await using var second = await AppFactory.CreateOnAsync(otherNode, contentRoot: ContentRootIn(otherNode));
        Assert.NotEqual(ContentRoot(first), ContentRoot(second));
        await first.SeedAsync(new SeedPaper("2401.00001", "First Paper"), new SeedPaper("2401.00002", "Second Paper"));

        var (form, cookie) = await SubscribeFormAsync(first);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/subscribe")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [form.Name] = form.Value, ["email"] = "keyring@example.org" }),
        };
        post.Headers.Add("Cookie", cookie);
        post.Headers.Accept.ParseAdd("text/html");
        var answer = await second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(post, Ct);
        var answerText = await answer.Content.ReadAsStringAsync(Ct);

        var (firstPage, _) = await first.CreateClient().GetJsonAsync("/api/papers?limit=1");
        var (nextPage, nextBody) = await second.CreateClient().GetJsonAsync(firstPage.Links()["next"]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Check your inbox", answerText, StringComparison.Ordinal);
        Assert.Equal(1, await second.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.Address == "keyring@example.org", Ct)));
        Assert.Equal(HttpStatusCode.OK, nextPage.StatusCode);
        Assert.Equal(1, nextBody.GetArrayLength());
    }

    [Fact]
    public async Task KeysSurviveARestartOnTheSameSqliteFile()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        string sealedText;
        await using (var before = await AppFactory.CreateOnAsync(database))
        {
            sealedText = Protector(before).Protect("still readable");
        }

        await using var after = await AppFactory.CreateOnAsync(database);

        Assert.Equal("still readable", Protector(after).Unprotect(sealedText));
    }

    [Fact]
    public async Task TheKeysAreInTheDatabaseAndNowhereElse()
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        string sealedText;
        await using (var before = await AppFactory.CreateOnAsync(database))
        {
            sealedText = Protector(before).Protect("gone with the keys");
            Assert.Equal(1, await before.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct)));
            await before.WithDbAsync(db => db.DataProtectionKeys.ExecuteDeleteAsync(Ct));
        }

        await using var after = await AppFactory.CreateOnAsync(database);

        // Had any copy of the key been kept elsewhere (a folder under the user's home, the data
        // directory), the restarted node would still read the payload.
        Assert.Throws<CryptographicException>(() => Protector(after).Unprotect(sealedText));
    }

    private static IDataProtector Protector(AppFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static string ContentRootIn(TestDatabase node) => Directory.CreateDirectory(Path.Combine(node.DataDirectory, "app")).FullName;

    private static string ContentRoot(AppFactory app) => app.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;

    /// <summary>The uncached subscribe page's antiforgery field and the cookie it pairs with, as a browser would keep them.</summary>
    private static async Task<((string Name, string Value) Field, string Cookie)> SubscribeFormAsync(AppFactory node)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var (response, page) = await HtmlPage.GetAsync(client, "/subscribe");
        var token = page.QuerySelector("main form[action='/subscribe'] input[type=hidden]")!;
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
        return ((token.GetAttribute("name")!, token.GetAttribute("value")!), cookie);
    }
}
