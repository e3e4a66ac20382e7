using DailyPapers.Search.Evaluation;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Search;

[Collection(EmbeddingModelGroup.Name)]
public sealed class SearchEvaluationTests
{
    private static readonly string Mini = Path.Combine(AppContext.BaseDirectory, "Fixtures", "beir-mini");

    [Fact]
    public void ABeirFolderLoadsDocumentsQueriesAndGradedJudgments()
    {
        var benchmark = BeirBenchmark.Load(Mini);

        Assert.Equal(5, benchmark.Documents.Count);
        Assert.Equal(["McCarthy, J."], benchmark.Documents[0].Authors);
        Assert.Equal("", benchmark.Documents[3].Title);
        Assert.Equal(4, benchmark.Queries.Count);
        Assert.Equal(2, benchmark.Judgments["q2"]["d4"]);
        Assert.Equal(0, benchmark.Judgments["q3"]["d5"]);
        Assert.False(benchmark.Judgments.ContainsKey("q4"));
    }

    [Fact]
    public void AnUnreadableLineIsReportedWithItsFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("dailypapers-beir-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Mini))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            File.AppendAllText(Path.Combine(folder, "qrels.tsv"), "q1\td2\tvery\n");
            File.AppendAllText(Path.Combine(folder, "queries.jsonl"), "{\"_id\": \"q9\"}\n");

            var error = Assert.Throws<InvalidDataException>(() => BeirBenchmark.Load(folder));

            Assert.StartsWith(Path.Combine(folder, "queries.jsonl") + ":5: missing \"text\"", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EvaluationImportsEmbedsIndexesAndScoresEveryModeThroughTheProductionPath()
    {
        await using var app = await SearchApp.CreateAsync(Lane.Sqlite);
        var benchmark = BeirBenchmark.Load(Mini);
        var evaluation = new SearchEvaluation(app.App.Services);

        var ids = await evaluation.ImportAsync(benchmark, TestContext.Current.CancellationToken);
        await app.EmbedAsync();
        await app.CatchUpAsync();
        var scores = await evaluation.ScoreAsync(benchmark, ids, TestContext.Current.CancellationToken);
        var unfloored = await evaluation.ScoreAsync(benchmark, ids, TestContext.Current.CancellationToken, floor: DailyPapers.Search.RelevanceFloor.Off);

        Assert.Equal("d4", ids[SearchEvaluation.PaperId(3)]);
        var untitled = await app.App.WithDbAsync(db => db.Papers.SingleAsync(p => p.ArxivId == "beir/0000004", TestContext.Current.CancellationToken));
        Assert.Equal("Sorting large files on magnetic tape with a balanced merge uses few", untitled.Title);
        Assert.Equal(["bm25", "dense", "hybrid"], scores.Keys.Order(StringComparer.Ordinal));
        // Five documents and three judged queries: without the relevance floor every relevant document is within the first 100.
        Assert.All(unfloored.Values, s => Assert.Equal(1.0, s.Recall100, 12));
        Assert.InRange(unfloored["bm25"].Ndcg10, 0.5, 1.0);
        // The meaning-only query q3 ("multiple users sharing a computer") is one BM25 may miss at rank 1; dense and hybrid must not,
        // and the floor (eval's default, the site's) must leave them every relevant document. BM25 alone is held to the
        // query's words: q1's "memory reclamation" is in no document, so the floor leaves it nothing.
        Assert.Equal(1.0, scores["dense"].Mrr10, 12);
        Assert.Equal(1.0, scores["hybrid"].Mrr10, 12);
        Assert.Equal(1.0, scores["dense"].Recall100, 12);
        Assert.Equal(1.0, scores["hybrid"].Recall100, 12);
        Assert.InRange(scores["bm25"].Ndcg10, 1.0 / 3, 1.0);
    }
}
