using DailyPapers.ClusterTests.Infrastructure;
using MimeKit;

namespace DailyPapers.ClusterTests;

/// <summary>
/// Both nodes run every background job. Work that must happen once (a digest per subscriber and
/// period, an embedding per paper) must happen once however the two nodes' rounds interleave,
/// counted where it lands: smtp4dev for mail, the database for embeddings.
/// </summary>
public sealed class SchedulerTests(Cluster cluster, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryDueDigestIsSentOnceWithBothNodesComposingAndSending()
    {
        cluster.Require();
        var yesterday = CatalogRecord.Today.AddDays(-1);
        await SiteSearch.ImportAsync(cluster, [.. Enumerable.Range(0, 3).Select(_ => CatalogRecord.New(CatalogRecord.UniqueWord("digest"), yesterday))]);
        var addresses = Enumerable.Range(0, 4).Select(_ => Members.AddressOf(Members.UniqueName("digest"))).ToList();
        for (var i = 0; i < addresses.Count; i++)
        {
            using var visitor = new Visitor();
            var (subscribeOn, confirmOn) = i % 2 == 0 ? (cluster.Node1, cluster.Node2) : (cluster.Node2, cluster.Node1);
            await Forms.SubmitAsync(visitor.On(subscribeOn), "/subscribe", "/subscribe", new() { ["email"] = addresses[i] });
            var confirm = Members.LinkIn(Assert.Single(await cluster.Mail.WaitForAsync(addresses[i])), cluster.Proxy, "/subscribe/confirm");
            (await visitor.On(confirmOn).GetAsync(confirm, Ct)).EnsureSuccessStatusCode();
        }
        // Confirmed days ago with a send hour of midnight UTC: yesterday's digest is due now, on both nodes' next round.
        await cluster.ExecuteAsync(
            "update subscriptions set confirmed_at = now() - interval '3 days', send_hour = 0, time_zone = 'UTC' where address = any(@a)",
            ("a", addresses.ToArray()));

        foreach (var address in addresses)
        {
            await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () => (await DigestsToAsync(address)).Count > 0, $"a digest to {address}");
        }
        // Two more rounds of both nodes' composers (every 5 s) and many of their senders (every second).
        await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        var counts = new List<int>();
        foreach (var address in addresses)
        {
            counts.Add((await DigestsToAsync(address)).Count);
        }
        Measured.Write(output, "digests per subscriber: " + string.Join(", ", counts));
        Assert.All(counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task EachNewPaperIsEmbeddedOnceWithBothNodesEmbedding()
    {
        cluster.Require();
        await CountEmbeddingWritesAsync();
        var papers = Enumerable.Range(0, 12).Select(_ => CatalogRecord.New(CatalogRecord.UniqueWord("embed"), CatalogRecord.Today)).ToArray();
        var ids = papers.Select(p => p.Id).ToArray();

        await SiteSearch.ImportAsync(cluster, papers);
        var took = await Eventually.WithinAsync(TimeSpan.FromSeconds(120), async () => await cluster.ScalarAsync<long>(
            "select count(*) from paper_embeddings e join papers p on p.id = e.paper_id where p.arxiv_id = any(@ids)", ("ids", ids)) == ids.Length, "embeddings of every new paper");
        // Long enough for a second node's batch that started with the first to land.
        await Task.Delay(TimeSpan.FromSeconds(6), Ct);

        var writes = await cluster.ScalarAsync<long>(
            "select count(*) from cluster_test_embedding_writes w join papers p on p.id = w.paper_id where p.arxiv_id = any(@ids)", ("ids", ids));
        Measured.Write(output, $"{ids.Length} papers embedded within {took.TotalSeconds:F0} s; {writes} vector writes");
        Assert.Equal(ids.Length, writes);
    }

    /// <summary>A trigger that records every vector written (a new row, or a row given a new vector and change sequence).</summary>
    private Task CountEmbeddingWritesAsync() => cluster.ExecuteAsync("""
        create table if not exists cluster_test_embedding_writes (paper_id bigint not null, change_seq bigint not null, at timestamptz not null default clock_timestamp());
        create or replace function cluster_test_count_embedding_write() returns trigger language plpgsql as $$
        begin
            if TG_OP = 'INSERT' or NEW.change_seq <> OLD.change_seq then
                insert into cluster_test_embedding_writes (paper_id, change_seq) values (NEW.paper_id, NEW.change_seq);
            end if;
            return NEW;
        end $$;
        drop trigger if exists cluster_test_embedding_writes on paper_embeddings;
        create trigger cluster_test_embedding_writes after insert or update on paper_embeddings
            for each row execute function cluster_test_count_embedding_write();
        """);

    private async Task<List<MimeMessage>> DigestsToAsync(string address) =>
        [.. (await cluster.Mail.MessagesToAsync(address)).Where(m => m.Subject?.Contains("trending paper", StringComparison.Ordinal) == true)];
}
