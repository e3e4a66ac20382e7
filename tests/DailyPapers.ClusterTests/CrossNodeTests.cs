using System.Net;
using System.Text.Json;
using DailyPapers.ClusterTests.Infrastructure;

namespace DailyPapers.ClusterTests;

/// <summary>
/// Writes on node1 read on node2, each node addressed on its own port so the test knows which one
/// answered: sessions and antiforgery tokens travel (Data Protection keys live in the database),
/// and votes, comments, submissions, hidden papers and subscriptions show within the documented freshness.
/// </summary>
public sealed class CrossNodeTests(Cluster cluster, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignInOnOneNodeAndItsAntiforgeryTokenAreAcceptedByTheOther()
    {
        cluster.Require();
        var name = Members.UniqueName("roamer");
        using var member = await Members.ConfirmedAsync(cluster, name, cluster.Node1, cluster.Node2);
        var paper = cluster.Catalog[0];

        var settings = await member.On(cluster.Node2).GetAsync("/settings", Ct);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains(name, await settings.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The vote form (and its token) as node1 rendered it, sent to node2.
        var (vote, _) = await Forms.SubmitAsync(member.On(cluster.Node1), "/papers/" + paper.Id, "/vote", [], poster: member.On(cluster.Node2));
        Assert.Equal(HttpStatusCode.Redirect, vote.StatusCode);
        Assert.Equal("/papers/" + paper.Id, vote.Headers.Location?.OriginalString);
        Assert.Equal(1L, await VotesOnAsync(paper.Id, name));
    }

    [Fact]
    public async Task AVoteAndACommentOnOneNodeShowOnTheOtherWithinTheCacheLifetime()
    {
        cluster.Require();
        var name = Members.UniqueName("voter");
        using var member = await Members.ConfirmedAsync(cluster, name, cluster.Node1, cluster.Node1);
        var paper = cluster.Catalog[1];
        using var anonymous = new Visitor();
        var before = await UpvotesAsync(anonymous.On(cluster.Node2), paper.Id);

        var (vote, _) = await Forms.SubmitAsync(member.On(cluster.Node1), "/papers/" + paper.Id, "/vote", []);
        Assert.Equal(HttpStatusCode.Redirect, vote.StatusCode);
        var voteLag = await Eventually.WithinAsync(Freshness.CachedAnswers, async () => await UpvotesAsync(anonymous.On(cluster.Node2), paper.Id) == before + 1, "the vote on node2's API");

        Assert.False(await HasCommentAsync(anonymous.On(cluster.Node2), paper.Id, name)); // now in node2's cache
        var (comment, _) = await Forms.SubmitAsync(member.On(cluster.Node1), "/papers/" + paper.Id, "/comments", new() { ["body"] = "Seen from the other node, " + name });
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        // The paper page, not the API: the API reads access tokens, not the session cookie, so the member is anonymous (and cached) there.
        var signedIn = (await member.On(cluster.Node2).GetStringAsync("/papers/" + paper.Id, Ct)).Contains("Seen from the other node, " + name, StringComparison.Ordinal);
        var commentLag = await Eventually.WithinAsync(Freshness.CachedAnswers, () => HasCommentAsync(anonymous.On(cluster.Node2), paper.Id, name), "the comment on node2's API");

        Assert.True(signedIn, "a signed-in page is rendered per request, so the member sees the comment on node2 at once");
        Measured.Write(output, $"vote visible on node2 after {voteLag.TotalSeconds:F1} s, comment after {commentLag.TotalSeconds:F1} s (bound {Freshness.CachedAnswers.TotalSeconds:F0} s)");
    }

    [Fact]
    public async Task APaperHiddenOnOneNodeIsGoneFromTheOther()
    {
        cluster.Require();
        var name = Members.UniqueName("moderator");
        using var moderator = await Members.ConfirmedAsync(cluster, name, cluster.Node1, cluster.Node1);
        await cluster.CliAsync("admin", "grant", name);
        var paper = cluster.Catalog[2];
        using var anonymous = new Visitor();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.On(cluster.Node2).GetAsync("/papers/" + paper.Id, Ct)).StatusCode);

        var (hide, _) = await Forms.SubmitAsync(moderator.On(cluster.Node1), "/papers/" + paper.Id, "/moderation/papers", new() { ["reason"] = "Cluster test" });
        Assert.True(hide.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"hiding answered {(int)hide.StatusCode}");
        var lag = await Eventually.WithinAsync(Freshness.Hidden, async () =>
            (await anonymous.On(cluster.Node2).GetAsync("/papers/" + paper.Id, Ct)).StatusCode == HttpStatusCode.Gone, "the hidden paper's 410 on node2");

        Measured.Write(output, $"hidden paper gone from node2 after {lag.TotalSeconds:F1} s (bound {Freshness.Hidden.TotalSeconds:F0} s)");
        await cluster.CliAsync("admin", "show", paper.Id);
    }

    [Fact]
    public async Task APaperSubmittedOnOneNodeIsOnTodaysFeedOfTheOther()
    {
        cluster.Require();
        var today = CatalogRecord.Today;
        var paper = CatalogRecord.New(CatalogRecord.UniqueWord("submitted"), today, onFeed: false);
        await SiteSearch.ImportAsync(cluster, paper);
        using var member = await Members.ConfirmedAsync(cluster, Members.UniqueName("submitter"), cluster.Node1, cluster.Node1);

        using var anonymous = new Visitor();
        var feed = $"/api/daily_papers?date={today:yyyy-MM-dd}&limit=100";
        Assert.DoesNotContain(paper.Id, await anonymous.On(cluster.Node2).GetStringAsync(feed, Ct), StringComparison.Ordinal); // now in node2's cache

        var (submit, _) = await Forms.SubmitAsync(member.On(cluster.Node1), "/submit", "/submit", new() { ["arxivId"] = paper.Id });
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        var lag = await Eventually.WithinAsync(Freshness.CachedAnswers, async () =>
            (await anonymous.On(cluster.Node2).GetStringAsync(feed, Ct)).Contains(paper.Id, StringComparison.Ordinal),
            "the submission on node2's daily_papers");
        Measured.Write(output, $"submission on node2's feed after {lag.TotalSeconds:F1} s (bound {Freshness.CachedAnswers.TotalSeconds:F0} s)");
    }

    [Fact]
    public async Task ASubscriptionMadeOnOneNodeIsConfirmedOnTheOther()
    {
        cluster.Require();
        var address = Members.AddressOf(Members.UniqueName("reader"));
        using var visitor = new Visitor();
        var (subscribe, _) = await Forms.SubmitAsync(visitor.On(cluster.Node1), "/subscribe", "/subscribe", new() { ["email"] = address });
        Assert.True(subscribe.IsSuccessStatusCode || subscribe.StatusCode == HttpStatusCode.Redirect, $"subscribing answered {(int)subscribe.StatusCode}");

        var confirm = Members.LinkIn(Assert.Single(await cluster.Mail.WaitForAsync(address)), cluster.Proxy, "/subscribe/confirm");
        Assert.Equal(HttpStatusCode.OK, (await visitor.On(cluster.Node2).GetAsync(confirm, Ct)).StatusCode);
        Assert.Equal(1L, await cluster.ScalarAsync<long>("select count(*) from subscriptions where address = @a and confirmed_at is not null", ("a", address)));
    }

    private Task<long> VotesOnAsync(string arxivId, string userName) => cluster.ScalarAsync<long>(
        "select count(*) from paper_votes v join papers p on p.id = v.paper_id join accounts a on a.id = v.account_id where p.arxiv_id = @p and a.user_name = @u",
        ("p", arxivId), ("u", userName));

    private static async Task<int> UpvotesAsync(HttpClient client, string arxivId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/papers/" + arxivId);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("upvotes").GetInt32();
    }

    private static async Task<bool> HasCommentAsync(HttpClient client, string arxivId, string marker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/papers/{arxivId}/comments");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request, Ct);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(Ct)).Contains(marker, StringComparison.Ordinal);
    }
}
