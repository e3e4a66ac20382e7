using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DailyPapers.Search;
using DailyPapers.Search.Evaluation;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers eval PATH [--json] [--model minilm|arctic] [--max-tokens N] [--work DIR]</c>: search
/// quality on a BEIR-layout folder, through the production import, embedding, indexing and search
/// code, in a scratch data directory (a temporary one, or <c>--work DIR</c> to keep it: embeddings
/// are stored there, so a second run with the same model and truncation does not embed again).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder with corpus.jsonl, queries.jsonl and qrels.tsv" };
        var json = new Option<bool>("--json") { Description = "Print {\"bm25\": {...}, \"dense\": {...}, \"hybrid\": {...}}" };
        var model = new Option<string>("--model") { Description = "Embedding model: minilm or arctic (default: the site's default)", DefaultValueFactory = _ => new SearchOptions().Model };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Tokens of title + abstract the model reads (default: the configured Search:MaxTokens)" };
        var work = new Option<string?>("--work") { Description = "Scratch data directory to create or reuse (default: a temporary one, deleted afterwards)" };
        var command = new Command("eval", "Measure search quality (nDCG@10, Recall@100, MRR@10) on a BEIR folder.") { path, json, model, maxTokens, work };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(path)!, parse.GetValue(json), parse.GetValue(model)!,
            parse.GetValue(maxTokens), parse.GetValue(work), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, bool json, string modelName, int? maxTokens, string? work, CancellationToken cancellationToken)
    {
        if (EmbeddingModel.Find(modelName) is not { } model)
        {
            return Fail($"--model: unknown model '{modelName}' (known: {string.Join(", ", EmbeddingModel.All.Select(m => m.ShortName))})");
        }
        if (maxTokens is < 16 or > 512)
        {
            return Fail("--max-tokens: must be between 16 and 512");
        }
        BeirBenchmark benchmark;
        try
        {
            benchmark = BeirBenchmark.Load(path);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Fail(exception.Message);
        }

        var scratch = work ?? Path.Combine(Path.GetTempPath(), "dailypapers-eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = await CliHost.StartAsync(scratch, cancellationToken, SearchEvaluation.ScratchSettings(model, maxTokens));
            var evaluation = new SearchEvaluation(host.Services);
            var ids = await evaluation.ImportAsync(benchmark, cancellationToken);
            var embedder = host.Services.GetRequiredService<PaperEmbedder>();
            var view = new EmbedProgressView(host.Services.GetRequiredService<TimeProvider>());
            await (json ? embedder.EmbedPendingAsync(null, null, cancellationToken)
                : view.RunAsync("embed " + embedder.ModelKey, p => embedder.EmbedPendingAsync(null, p, cancellationToken)));
            await host.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(cancellationToken);
            var scores = await evaluation.ScoreAsync(benchmark, ids, cancellationToken);
            if (json)
            {
                Console.WriteLine(Json(scores));
            }
            else
            {
                Console.WriteLine(Table(scores, embedder.ModelKey, benchmark));
                var recall = await evaluation.VectorRecallAsync(300, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vector index recall@10 against exact search: {recall:0.0000}"));
            }
            return 0;
        }
        finally
        {
            if (work is null && Directory.Exists(scratch))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static string Json(Dictionary<string, LaneScores> scores) =>
        JsonSerializer.Serialize(scores.ToDictionary(s => s.Key, s => new Dictionary<string, double>
        {
            ["ndcg@10"] = Math.Round(s.Value.Ndcg10, 4),
            ["recall@100"] = Math.Round(s.Value.Recall100, 4),
            ["mrr@10"] = Math.Round(s.Value.Mrr10, 4),
        }));

    private static string Table(Dictionary<string, LaneScores> scores, string modelKey, BeirBenchmark benchmark)
    {
        var lines = new List<string>
        {
            $"{benchmark.Documents.Count} documents, {benchmark.Judgments.Count} judged queries, model {modelKey}",
            "mode      nDCG@10  Recall@100  MRR@10",
        };
        lines.AddRange(scores.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Key,-8}  {s.Value.Ndcg10,7:0.0000}  {s.Value.Recall100,10:0.0000}  {s.Value.Mrr10,6:0.0000}")));
        return string.Join(Environment.NewLine, lines);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("eval: " + message);
        return 2;
    }
}
