using System.Net;
using System.Net.Http.Json;
using DailyPapers.Comments;
using DailyPapers.Feed;
using DailyPapers.Tests.Accounts;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Mail;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Comments;

/// <summary>Comments through the paper page's forms and the API, on both databases: threads, own edits and deletes, who may comment, limits, counts, reply emails.</summary>
public sealed class CommentTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = CatalogSeed.Day(2024, 5, 27);
    private static readonly SeedPaper Discussed = new SeedPaper("2405.15738", "A paper worth discussing") { NumComments = 3 }.On(Day);
    private static readonly SeedPaper OldStyle = new SeedPaper("hep-th/9901001", "An old-style paper").On(Day);

    /// <summary>No pause between one member's comments, for the tests that are not about it.</summary>
    private static readonly Dictionary<string, string?> NoPause = new() { ["Comments:PausePerThread"] = "00:00:00" };

    private async Task<AccountRig> RigAsync(Lane lane, Dictionary<string, string?>? settings = null)
    {
        var rig = await AccountRig.CreateAsync(lane, smtp, settings ?? NoPause);
        await rig.App.SeedAsync(Discussed, OldStyle);
        return rig;
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task MembersPostReplyEditAndDeleteAndADeletedCommentWithRepliesLeavesAStub(Lane lane)
    {
        await using var rig = await RigAsync(lane);
        var ada = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("ada"));
        var alan = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("alan"));
        var page = CommentForms.PageOf(Discussed.ArxivId);

        var (posted, first) = await CommentForms.PostAsync(ada, Discussed.ArxivId, "The **second** lemma needs a bound.");
        var (_, reply) = await CommentForms.PostAsync(alan, Discussed.ArxivId, "It follows from *Lemma 1*.", parent: first);
        var edited = await CommentForms.EditAsync(ada, Discussed.ArxivId, first!.Value, "The **second** lemma needs a tighter bound.");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"{page}#comment-{first}", posted.Headers.Location!.OriginalString);
        Assert.NotNull(reply);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var (_, thread) = await HtmlPage.GetAsync(ada, page);
        var top = thread.QuerySelector($"#comments .comment-thread > li > #comment-{first}")!;
        Assert.Equal("The second lemma needs a tighter bound.", top.QuerySelector(".comment-body")!.Text());
        Assert.Equal("second", top.QuerySelector(".comment-body strong")!.TextContent);
        Assert.Contains("edited", top.QuerySelector(".comment-meta")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(thread.QuerySelector($"#comment-{first} + .comment-replies #comment-{reply}, li:has(> #comment-{first}) > .comment-replies #comment-{reply}"));

        var deleted = await CommentForms.DeleteAsync(ada, Discussed.ArxivId, first.Value);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var (_, afterDelete) = await HtmlPage.GetAsync(rig.NewVisitor(), page);
        Assert.Equal("This comment was deleted.", afterDelete.QuerySelector($"#comment-{first} .comment-gone")!.Text());
        Assert.Null(afterDelete.QuerySelector($"#comment-{first} .comment-body"));
        Assert.Equal("It follows from Lemma 1.", afterDelete.QuerySelector($"#comment-{reply} .comment-body")!.Text());
        Assert.Equal("", await rig.App.WithDbAsync(db => db.Comments.Where(c => c.Id == first).Select(c => c.Body).SingleAsync(Ct)));
        // Imported 3 plus the one comment still shown.
        Assert.Equal("4 comments", afterDelete.QuerySelector("main .paper-actions a[href='#comments']")!.Text());
        Assert.Contains("Plus 3 comments on the paper's Hugging Face page", afterDelete.QuerySelector("#comments")!.Text(), StringComparison.Ordinal);

        var api = await rig.NewVisitor().GetAsync($"/api/papers/{Discussed.ArxivId}/comments", Ct);
        var listed = await api.Content.ReadFromJsonAsync<List<CommentDto>>(Ct);
        Assert.Equal("1", api.Headers.GetValues("X-Total-Count").Single());
        Assert.Collection(listed!,
            stub => Assert.Equal((first.Value, (string?)null, true, (string?)null), (stub.Id, stub.Body, stub.Deleted, stub.Author)),
            answer => Assert.Equal((reply.Value, first, "It follows from *Lemma 1*.", "<p>It follows from <em>Lemma 1</em>.</p>"), (answer.Id, answer.ParentId, answer.Body, answer.Html!.Trim())));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task CardsAndTheApiCountImportedCommentsPlusShownOnes(Lane lane)
    {
        await using var rig = await RigAsync(lane);
        var member = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("counter"));
        await CommentForms.PostAsync(member, Discussed.ArxivId, "One.");
        var (_, second) = await CommentForms.PostAsync(member, Discussed.ArxivId, "Two.");
        await CommentForms.DeleteAsync(member, Discussed.ArxivId, second!.Value);

        var (_, feed) = await HtmlPage.GetAsync(rig.NewVisitor(), FeedPeriod.ForDay(Day).PagePath);
        var daily = await rig.NewVisitor().GetFromJsonAsync<List<DailyPaperDto>>($"/api/daily_papers?date={Day:yyyy-MM-dd}", Ct);

        var count = feed.QuerySelector($".card .stat-comments[href='/papers/{Discussed.ArxivId}#comments']")!;
        Assert.Equal("4 comments", count.Text());
        Assert.Equal(4, daily!.Single(d => d.Paper.Id == Discussed.ArxivId).NumComments);
    }

    [Fact]
    public async Task OnlyTheAuthorMayEditOrDeleteAndOnlyConfirmedMembersMayComment()
    {
        await using var rig = await RigAsync(Lane.Sqlite);
        var ada = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("ada"));
        var mallory = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("mallory"));
        var (_, id) = await CommentForms.PostAsync(ada, Discussed.ArxivId, "Mine.");
        var page = CommentForms.PageOf(Discussed.ArxivId);

        var (_, malloryView) = await HtmlPage.GetAsync(mallory, page);
        Assert.Null(malloryView.QuerySelector($"#comment-{id} form[action$='/edit']"));
        var token = await CommentForms.FieldsAsync(mallory, page, "form.comment-form");
        var (edit, _) = await MailRig.PostFormAsync(mallory, $"/comments/{id}/edit", new(token) { ["body"] = "Hijacked." });
        var (delete, _) = await MailRig.PostFormAsync(mallory, $"/comments/{id}/delete", token);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        var anonymous = rig.NewVisitor();
        var (_, cached) = await HtmlPage.GetAsync(anonymous, page);
        Assert.Empty(cached.QuerySelectorAll("#comments form"));
        Assert.Equal("/signin?returnUrl=%2Fpapers%2F2405.15738", cached.QuerySelector("#comments a[href^='/signin']")!.GetAttribute("href"));
        var (signIn, _) = await MailRig.PostFormAsync(anonymous, "/comments", new() { ["paper"] = Discussed.ArxivId, ["body"] = "Drive-by." });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var unconfirmed = rig.NewVisitor();
        var name = AccountRig.UniqueName("unconfirmed");
        await rig.SignUpAsync(unconfirmed, name, AccountRig.AddressOf(name));
        await AccountRig.SignInAsync(unconfirmed, name);
        var (_, unconfirmedView) = await HtmlPage.GetAsync(unconfirmed, page);
        Assert.Null(unconfirmedView.QuerySelector("form.comment-form"));
        var settingsToken = await CommentForms.FieldsAsync(unconfirmed, "/settings", "form[action='/settings/email']");
        var (refused, _) = await MailRig.PostFormAsync(unconfirmed, "/comments", new(settingsToken) { ["paper"] = Discussed.ArxivId, ["body"] = "Let me in." });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var (crossSite, _) = await MailRig.PostFormAsync(ada, "/comments", new() { ["paper"] = Discussed.ArxivId, ["body"] = "Forged." });
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);

        Assert.Equal(["Mine."], await rig.App.WithDbAsync(db => db.Comments.Select(c => c.Body).ToListAsync(Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ASecondCommentInOneThreadWithinThePauseAnswers429WithRetryAfter(Lane lane)
    {
        await using var rig = await RigAsync(lane, new() { ["Comments:PausePerThread"] = "00:00:20" });
        var member = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("hasty"));
        var api = rig.WithToken(await AccountRig.CreateTokenAsync(member));

        var (first, _) = await CommentForms.PostAsync(member, Discussed.ArxivId, "First thought.");
        var (second, _) = await CommentForms.PostAsync(member, Discussed.ArxivId, "Second thought.");
        var third = await api.PostAsJsonAsync($"/api/papers/{Discussed.ArxivId}/comments", new { body = "Third thought." }, Ct);
        var elsewhere = await api.PostAsJsonAsync($"/api/papers/{OldStyle.ArxivId}/comments", new { body = "Another paper." }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 20);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 20);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(2, await rig.App.WithDbAsync(db => db.Comments.CountAsync(Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AReplyEmailsTheAuthorWhoAskedForRepliesButNeverForTheirOwnReplies(Lane lane)
    {
        await using var rig = await RigAsync(lane);
        var adaName = AccountRig.UniqueName("ada");
        var ada = await rig.ConfirmedMemberAsync(adaName);
        var alanName = AccountRig.UniqueName("alan");
        var alan = await rig.ConfirmedMemberAsync(alanName);
        var (_, asked) = await CommentForms.PostAsync(ada, Discussed.ArxivId, "Tell me when someone answers.", notify: true);
        var (_, silent) = await CommentForms.PostAsync(alan, Discussed.ArxivId, "No emails for me, thanks.");

        var (_, own) = await CommentForms.PostAsync(ada, Discussed.ArxivId, "Adding to my own comment.", parent: asked);
        var (_, answer) = await CommentForms.PostAsync(alan, Discussed.ArxivId, "Here is an answer.", parent: asked);
        await CommentForms.PostAsync(ada, Discussed.ArxivId, "Answering Alan, who did not ask.", parent: silent);

        Assert.NotNull(own);
        // The first message is the sign-up confirmation.
        var mail = Assert.Single(await rig.MailToAsync(AccountRig.AddressOf(adaName), count: 2), m => m.Subject?.Contains("replied", StringComparison.Ordinal) == true);
        Assert.Contains(alanName, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Here is an answer.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{MailRig.BaseUrl}/papers/{Discussed.ArxivId}#comment-{answer}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == CommentEmails.ReplyKind, Ct)));
    }

    [Fact]
    public async Task TheApiListsAndPostsCommentsForBothIdSchemesAndRefusesBadIds()
    {
        await using var rig = await RigAsync(Lane.Sqlite);
        var name = AccountRig.UniqueName("scripter");
        var api = rig.WithToken(await AccountRig.CreateTokenAsync(await rig.ConfirmedMemberAsync(name)));

        var created = await api.PostAsJsonAsync($"/api/papers/{OldStyle.ArxivId}/comments", new { body = "See [the paper](https://arxiv.org/abs/hep-th/9901001)." }, Ct);
        var dto = await created.Content.ReadFromJsonAsync<CommentDto>(Ct);
        var reply = await api.PostAsJsonAsync($"/api/papers/{OldStyle.ArxivId}/comments", new { body = "And a reply.", parentId = dto!.Id }, Ct);
        var listed = await rig.NewVisitor().GetFromJsonAsync<List<CommentDto>>($"/api/papers/{OldStyle.ArxivId}/comments", Ct);
        var paper = await rig.NewVisitor().GetAsync($"/api/papers/{OldStyle.ArxivId}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(name, dto.Author);
        Assert.Equal("<p>See <a href=\"https://arxiv.org/abs/hep-th/9901001\" rel=\"nofollow ugc noopener\">the paper</a>.</p>", dto.Html!.Trim());
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal([(dto.Id, (long?)null), ((await reply.Content.ReadFromJsonAsync<CommentDto>(Ct))!.Id, dto.Id)], listed!.Select(c => (c.Id, c.ParentId)));
        Assert.Equal(HttpStatusCode.OK, paper.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await rig.NewVisitor().GetAsync("/api/papers/not-an-id/comments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.NewVisitor().GetAsync("/api/papers/2401.00001/comments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/papers/{Discussed.ArxivId}/comments", new { body = "  " }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.NewVisitor().PostAsJsonAsync($"/api/papers/{Discussed.ArxivId}/comments", new { body = "Anonymous." }, Ct)).StatusCode);
    }

    [Fact]
    public async Task AMembersCommentsAreOnTheirProfileAndOutliveTheirAccount()
    {
        await using var rig = await RigAsync(Lane.Sqlite);
        var name = AccountRig.UniqueName("leaver");
        var member = await rig.ConfirmedMemberAsync(name);
        var (_, id) = await CommentForms.PostAsync(member, Discussed.ArxivId, "Worth keeping.");

        var (_, profile) = await HtmlPage.GetAsync(rig.NewVisitor(), "/users/" + name);
        Assert.Equal("Worth keeping.", profile.QuerySelector("#profile-comments + .member-comments .comment-body")!.Text());
        Assert.Equal($"/papers/{Discussed.ArxivId}#comment-{id}", profile.LinkHref(Discussed.Title));

        await rig.App.WithDbAsync(db => db.Users.Where(a => a.UserName == name).ExecuteDeleteAsync(Ct));
        var (_, page) = await HtmlPage.GetAsync(rig.NewVisitor(), CommentForms.PageOf(Discussed.ArxivId));
        Assert.Equal("deleted account", page.QuerySelector($"#comment-{id} .comment-author")!.Text());
        Assert.Equal("Worth keeping.", page.QuerySelector($"#comment-{id} .comment-body")!.Text());
    }
}
