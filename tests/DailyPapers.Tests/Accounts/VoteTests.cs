using System.Net;
using System.Net.Http.Json;
using DailyPapers.Accounts;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Accounts;

/// <summary>Upvotes: one per member per paper under racing requests, counted on top of the imported count, from pages and API.</summary>
public sealed class VoteTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SeedPaper Voted = new SeedPaper("2405.15738", "A paper worth a vote") { Upvotes = 5 }.On(CatalogSeed.Day(2024, 5, 27));

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheVoteFormWithoutJavaScriptAddsOneVoteOnTopOfTheImportedCountAndTakesItBack(Lane lane)
    {
        await using var rig = await AccountRig.CreateAsync(lane, smtp);
        await rig.App.SeedAsync(Voted);
        var member = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("voter"));
        var page = "/papers/" + Voted.ArxivId;

        var (first, _) = await AccountRig.SubmitAsync(member, page, "/vote", []);
        var (_, afterOne) = await HtmlPage.GetAsync(member, page);
        var (again, _) = await MailRig.PostFormAsync(member, "/vote", await FormOf(member, page, "up"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var button = afterOne.QuerySelector("main .vote-button")!;
        Assert.Equal("true", button.GetAttribute("aria-pressed"));
        Assert.Equal("6", button.QuerySelector(".vote-count")!.TextContent);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.PaperVotes.CountAsync(Ct)));
        Assert.Equal(5, await rig.App.WithDbAsync(db => db.Papers.Select(p => p.Upvotes).SingleAsync(Ct)));

        var (taken, _) = await AccountRig.SubmitAsync(member, page, "/vote", []);
        var (_, afterTaken) = await HtmlPage.GetAsync(member, page);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal("false", afterTaken.QuerySelector("main .vote-button")!.GetAttribute("aria-pressed"));
        Assert.Equal("5", afterTaken.QuerySelector("main .vote-count")!.TextContent);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.PaperVotes.CountAsync(Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ParallelVotesLeaveOneVotePerMember(Lane lane)
    {
        await using var rig = await AccountRig.CreateAsync(lane, smtp, new() { ["Accounts:WritesPerMinute"] = "1000" });
        await rig.App.SeedAsync(Voted);
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(await AccountRig.CreateTokenAsync(await rig.ConfirmedMemberAsync(AccountRig.UniqueName("racer" + i))));
        }
        var clients = tokens.Select(rig.WithToken).ToList();

        // Each member fires 8 votes at once, all members together.
        var answers = await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, 8)
            .Select(_ => client.PostAsync($"/api/papers/{Voted.ArxivId}/upvote", null, Ct))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(3, await rig.App.WithDbAsync(db => db.PaperVotes.CountAsync(Ct)));
        var state = await clients[0].PostAsync($"/api/papers/{Voted.ArxivId}/upvote", null, Ct);
        Assert.Equal(new VoteState(Voted.ArxivId, 8, true), await state.Content.ReadFromJsonAsync<VoteState>(Ct));
        var (_, feed) = await HtmlPage.GetAsync(rig.NewVisitor(), "/papers/" + Voted.ArxivId);
        Assert.Equal("8", feed.QuerySelector("main .vote-count")!.TextContent);

        var removed = await clients[1].DeleteAsync($"/api/papers/{Voted.ArxivId}/upvote", Ct);
        Assert.Equal(new VoteState(Voted.ArxivId, 7, false), await removed.Content.ReadFromJsonAsync<VoteState>(Ct));
    }

    [Fact]
    public async Task RecentVotesLiftAPaperInTrendingAndShowOnItsSparkline()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var day = CatalogSeed.Day(2024, 5, 27);
        await rig.App.SeedAsync(
            new SeedPaper("2405.20001", "More imported upvotes") { Upvotes = 9 }.On(day),
            new SeedPaper("2405.20002", "Fewer, but voted today") { Upvotes = 2 }.On(day));
        foreach (var i in Enumerable.Range(0, 2))
        {
            var member = rig.WithToken(await AccountRig.CreateTokenAsync(await rig.ConfirmedMemberAsync(AccountRig.UniqueName("fan" + i))));
            Assert.Equal(HttpStatusCode.OK, (await member.PostAsync("/api/papers/2405.20002/upvote", null, Ct)).StatusCode);
        }

        var (_, byUpvotes) = await HtmlPage.GetAsync(rig.NewVisitor(), "/papers/date/2024-05-27");
        var (_, trending) = await HtmlPage.GetAsync(rig.NewVisitor(), "/papers/date/2024-05-27?sort=trending");
        var (_, paper) = await HtmlPage.GetAsync(rig.NewVisitor(), "/papers/2405.20002");

        Assert.Equal(["More imported upvotes", "Fewer, but voted today"], byUpvotes.CardTitles());
        Assert.Equal(["Fewer, but voted today", "More imported upvotes"], trending.CardTitles());
        var sparkline = paper.QuerySelector(".sparkline svg[role=img]")!;
        Assert.Contains("2 in all", sparkline.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(30, sparkline.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ').Length);
    }

    [Fact]
    public async Task ReimportingTheImportedCountNeitherDoublesNorLosesMembersVotes()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        var input = Path.Combine(rig.App.DataDirectory, "hf.jsonl");
        await WriteRecordAsync(input, upvotes: 5);
        await ImportAsync(rig, input);
        var member = rig.WithToken(await AccountRig.CreateTokenAsync(await rig.ConfirmedMemberAsync(AccountRig.UniqueName("keeper"))));
        await member.PostAsync($"/api/papers/{Voted.ArxivId}/upvote", null, Ct);

        await ImportAsync(rig, input);
        var unchanged = await (await member.PostAsync($"/api/papers/{Voted.ArxivId}/upvote", null, Ct)).Content.ReadFromJsonAsync<VoteState>(Ct);
        await WriteRecordAsync(input, upvotes: 9);
        await ImportAsync(rig, input);
        var grown = await (await member.PostAsync($"/api/papers/{Voted.ArxivId}/upvote", null, Ct)).Content.ReadFromJsonAsync<VoteState>(Ct);

        Assert.Equal(6, unchanged!.Upvotes);
        Assert.Equal(10, grown!.Upvotes);
        Assert.Equal(1, await rig.App.WithDbAsync(db => db.PaperVotes.CountAsync(Ct)));
    }

    [Fact]
    public async Task AnonymousUnconfirmedAndCrossSiteVotesCountNothing()
    {
        await using var rig = await AccountRig.CreateAsync(Lane.Sqlite, smtp);
        await rig.App.SeedAsync(Voted);
        var page = "/papers/" + Voted.ArxivId;
        var anonymous = rig.NewVisitor();
        var (_, cached) = await HtmlPage.GetAsync(anonymous, page);
        Assert.Null(cached.QuerySelector("form.vote-form input[name=__RequestVerificationToken]"));

        var (signIn, _) = await AccountRig.SubmitAsync(anonymous, page, "/vote", []);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fpapers%2F2405.15738", signIn.Headers.Location!.OriginalString);

        var unconfirmed = rig.NewVisitor();
        var name = AccountRig.UniqueName("unconfirmed");
        await rig.SignUpAsync(unconfirmed, name, AccountRig.AddressOf(name));
        await AccountRig.SignInAsync(unconfirmed, name);
        var (refused, _) = await AccountRig.SubmitAsync(unconfirmed, page, "/vote", []);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var member = await rig.ConfirmedMemberAsync(AccountRig.UniqueName("member"));
        var (crossSite, _) = await MailRig.PostFormAsync(member, "/vote", new() { ["paper"] = Voted.ArxivId, ["action"] = "up" });
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
        Assert.Equal(0, await rig.App.WithDbAsync(db => db.PaperVotes.CountAsync(Ct)));
    }

    private static async Task<Dictionary<string, string>> FormOf(HttpClient client, string page, string action)
    {
        var (_, document) = await HtmlPage.GetAsync(client, page);
        var form = document.QuerySelector("main form.vote-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["action"] = action;
        return fields;
    }

    private static Task WriteRecordAsync(string path, int upvotes) => File.WriteAllTextAsync(path,
        $$"""{"id": "{{Voted.ArxivId}}", "title": "{{Voted.Title}}", "authors": ["Ada Lovelace"], "published": "2024-05-24", "hf_date": "2024-05-27", "upvotes": {{upvotes}}}""" + "\n", Ct);

    private static async Task ImportAsync(AccountRig rig, string path)
    {
        await using var scope = rig.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(path, path, ImportFormats.Named("jsonl")!, new ImportOptions(), new ImportProgress(), Ct);
    }
}
