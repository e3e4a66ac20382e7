using System.Net;
using System.Net.Http.Json;
using DailyPapers.Comments;
using DailyPapers.Search;
using DailyPapers.Tests.Comments;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Accounts;

/// <summary>Moderators, made with the admin command, hide papers everywhere and disable accounts at once; every action is in the public log.</summary>
public sealed class ModerationTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = CatalogSeed.Day(2024, 5, 27);

    private static readonly SeedPaper Spam = new SeedPaper("2405.30001", "Graph neural networks for molecule property prediction") { Upvotes = 50, Abstract = "Graph neural networks predict molecule properties." }.On(Day);
    private static readonly SeedPaper Kept = new SeedPaper("2405.30002", "Graph neural networks for protein structure") { Upvotes = 3, Abstract = "Graph neural networks model protein structure." }.On(Day);

    private static async Task<HttpClient> ModeratorAsync(AccountRig rig, string name)
    {
        var client = await rig.ConfirmedMemberAsync(name);
        var (exitCode, stdout, _) = await CliProcess.RunAsync(rig.App.Database, "admin", "grant", name);
        Assert.Equal(0, exitCode);
        Assert.Contains("is a moderator", stdout, StringComparison.Ordinal);
        return client;
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AHiddenPaperLeavesEveryListFeedSearchAndApiAnswerAndTheLogSaysWhy(Lane lane)
    {
        await using var rig = await AccountRig.CreateAsync(lane, smtp);
        await rig.App.SeedAsync(Spam, Kept);
        await rig.App.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(Ct);
        var moderatorName = AccountRig.UniqueName("mod");
        var moderator = await ModeratorAsync(rig, moderatorName);
        var anonymous = rig.NewVisitor();
        Assert.Contains(Spam.Title, (await HtmlPage.GetAsync(anonymous, "/search?q=graph+neural+networks&mode=keyword")).Document.CardTitles());

        var (hidden, _) = await AccountRig.SubmitAsync(moderator, "/papers/" + Spam.ArxivId, "/moderation/papers", new() { ["reason"] = "Spam submission" });
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);

        var reader = rig.NewVisitor();
        Assert.Equal([Kept.Title], (await HtmlPage.GetAsync(reader, "/papers/date/2024-05-27")).Document.CardTitles());
        Assert.Equal([Kept.Title], (await HtmlPage.GetAsync(reader, "/search?q=graph+neural+networks&mode=keyword")).Document.CardTitles());
        Assert.Equal(HttpStatusCode.Gone, (await reader.GetAsync("/papers/" + Spam.ArxivId, Ct)).StatusCode);
        foreach (var api in new[] { "/api/daily_papers?date=2024-05-27", "/api/papers/search?q=graph%20neural%20networks", "/api/papers?limit=100", $"/api/papers/{Kept.ArxivId}/similar", "/papers.atom" })
        {
            var body = await reader.GetStringAsync(api, Ct);
            Assert.DoesNotContain(Spam.ArxivId, body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await rig.WithToken(await AccountRig.CreateTokenAsync(moderator)).PostAsync($"/api/papers/{Spam.ArxivId}/upvote", null, Ct)).StatusCode);

        var (_, log) = await HtmlPage.GetAsync(reader, "/moderation");
        var row = log.QuerySelector(".moderation-log tbody tr")!.Text();
        Assert.Contains(moderatorName, row, StringComparison.Ordinal);
        Assert.Contains("hid the paper " + Spam.ArxivId, row, StringComparison.Ordinal);
        Assert.Contains("Spam submission", row, StringComparison.Ordinal);
        Assert.DoesNotContain("@", log.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisabledAccountIsSignedOutAtOnceItsTokensStopAndOnlyModeratorsMayAct()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        await rig.App.SeedAsync(Spam);
        var moderator = await ModeratorAsync(rig, AccountRig.UniqueName("mod"));
        var name = AccountRig.UniqueName("troll");
        var troll = await rig.ConfirmedMemberAsync(name);
        var token = rig.WithToken(await AccountRig.CreateTokenAsync(troll));
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/whoami-v2", Ct)).StatusCode);

        // A member who is no moderator sees no tools and is refused if they post anyway.
        var (_, asMember) = await HtmlPage.GetAsync(troll, "/users/" + name);
        Assert.Null(asMember.QuerySelector(".moderator-tools"));
        var (refused, _) = await AccountRig.SubmitAsync(troll, "/settings", "/settings/email", []);
        var forged = await Mail.MailRig.PostFormAsync(troll, "/moderation/papers", new() { ["target"] = Spam.ArxivId, ["action"] = "hide", ["reason"] = "x" });
        Assert.NotEqual(HttpStatusCode.OK, forged.Response.StatusCode);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.ModerationActions.CountAsync(a => a.Kind == "hide-paper", Ct)));
        Assert.NotNull(refused);

        var (disabled, _) = await AccountRig.SubmitAsync(moderator, "/users/" + name, "/moderation/accounts", new() { ["reason"] = "Abuse" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await troll.GetAsync("/settings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/whoami-v2", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AccountRig.SignInAsync(rig.NewVisitor(), name)).StatusCode);
        var (_, profile) = await HtmlPage.GetAsync(rig.NewVisitor(), "/users/" + name);
        Assert.Contains("account disabled", profile.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AModeratorRemovesSomeoneElsesCommentAndAStubKeepsItsRepliesInPlace(Lane lane)
    {
        await using var rig = await AccountRig.CreateAsync(lane, smtp, new() { ["Comments:PausePerThread"] = "00:00:00" });
        await rig.App.SeedAsync(Kept);
        var moderatorName = AccountRig.UniqueName("mod");
        var moderator = await ModeratorAsync(rig, moderatorName);
        var spammerName = AccountRig.UniqueName("spam");
        var spammer = await rig.ConfirmedMemberAsync(spammerName);
        var reader = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("reader"));
        var (_, spam) = await CommentForms.PostAsync(spammer, Kept.ArxivId, "Cheap watches at example.com");
        var (_, reply) = await CommentForms.PostAsync(reader, Kept.ArxivId, "Please report this.", parent: spam);
        var tool = $"#comment-{spam} form[action='/moderation/comments']";

        // Only moderators see the tool; a member posting the form anyway changes nothing.
        var (_, asMember) = await HtmlPage.GetAsync(reader, CommentForms.PageOf(Kept.ArxivId));
        Assert.Null(asMember.QuerySelector(tool));
        var forgedFields = await CommentForms.FieldsAsync(reader, CommentForms.PageOf(Kept.ArxivId), $"#comment-{spam} form.comment-form");
        (forgedFields["target"], forgedFields["action"], forgedFields["reason"]) = ($"{spam}", "remove", "x");
        var forged = await Mail.MailRig.PostFormAsync(reader, "/moderation/comments", forgedFields);
        Assert.NotEqual(HttpStatusCode.OK, forged.Response.StatusCode);
        Assert.Null(await rig.App.WithDbAsync(db => db.Comments.Where(c => c.Id == spam).Select(c => c.RemovedAt).SingleAsync(Ct)));

        var fields = await CommentForms.FieldsAsync(moderator, CommentForms.PageOf(Kept.ArxivId), tool);
        fields["reason"] = "Advertising";
        var (removed, _) = await Mail.MailRig.PostFormAsync(moderator, "/moderation/comments", fields);
        var (again, _) = await Mail.MailRig.PostFormAsync(moderator, "/moderation/comments", fields);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var (_, page) = await HtmlPage.GetAsync(rig.NewVisitor(), CommentForms.PageOf(Kept.ArxivId));
        Assert.Equal("This comment was removed by a moderator.", page.QuerySelector($"#comment-{spam} .comment-gone")!.Text());
        Assert.DoesNotContain("Cheap watches", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Please report this.", page.QuerySelector($"#comment-{reply} .comment-body")!.Text());
        Assert.Equal("1 comment", page.QuerySelector("main .paper-actions a[href='#comments']")!.Text());
        var listed = await rig.NewVisitor().GetFromJsonAsync<List<CommentDto>>($"/api/papers/{Kept.ArxivId}/comments", Ct);
        Assert.Collection(listed!,
            stub => Assert.Equal((spam!.Value, true, (string?)null, (string?)null), (stub.Id, stub.Removed, stub.Body, stub.Author)),
            answer => Assert.Equal(reply, answer.Id));
        var (_, profile) = await HtmlPage.GetAsync(rig.NewVisitor(), "/users/" + spammerName);
        Assert.DoesNotContain("Cheap watches", profile.Body!.TextContent, StringComparison.Ordinal);
        // Its author can no longer edit it.
        var spammerFields = await CommentForms.FieldsAsync(spammer, CommentForms.PageOf(Kept.ArxivId), "form.comment-form:not(#comments li form)");
        spammerFields.Remove("paper");
        spammerFields["body"] = "Back again";
        Assert.Equal(HttpStatusCode.Conflict, (await Mail.MailRig.PostFormAsync(spammer, $"/comments/{spam}/edit", spammerFields)).Response.StatusCode);

        var (_, log) = await HtmlPage.GetAsync(rig.NewVisitor(), "/moderation");
        var row = log.QuerySelector(".moderation-log tbody tr")!.Text();
        Assert.Contains(moderatorName, row, StringComparison.Ordinal);
        Assert.Contains($"removed the comment #{spam}: by {spammerName} on {Kept.ArxivId}", row, StringComparison.Ordinal);
        Assert.Contains("Advertising", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Cheap watches", log.Body!.TextContent, StringComparison.Ordinal);
        var remover = await rig.App.WithDbAsync(db => db.Comments.Where(c => c.Id == spam).Select(c => c.RemovedById).SingleAsync(Ct));
        Assert.Equal(await rig.App.WithDbAsync(db => db.Users.Where(a => a.UserName == moderatorName).Select(a => (long?)a.Id).SingleAsync(Ct)), remover);
    }
}
