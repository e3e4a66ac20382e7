using BenchmarkDotNet.Running;
using DailyPapers.Benchmarks;
using DailyPapers.Search;

// `stages FILE [DATA_DIR]`: one timed pass over FILE, parse and write measured apart (for profiling).
// `embed-throughput FILE N MAX_TOKENS [RUNS]`: the bare model against PaperEmbedder on the same papers.
// `known-items DATA [N] [SEED]`: exact title and arXiv id spellings at rank 1 through SearchService.
// `digest-compose DATA [N] [SEED]`: N subscriptions composed once, timed (use a copy of a catalog).
// `digest-send DATA SMTP_PORT [LIMIT]`: pending outbox rows (all, or the first LIMIT) delivered over SMTP on loopback, timed.
// `smtp-sink PORT`: an SMTP server that accepts and discards everything (the sender's own limit).
// `author-recall DATA [N] [SEED]`: recall@10 of an author's papers for a query of their name.
// `embed-memory QUERIES_FILE N [MODEL] [SEED]`: resident memory while the query embedder runs N queries of varying length.
// `search-latency DATA QUERIES_FILE [ROUNDS] [MODES]`: p50/p99 per mode through SearchService (MODES, e.g. `bm25,hybrid`: only those, no parts alone).
// `synth-papers DATA COPIES`, `synth-vectors DATA [CLUSTERS] [SEED]`: scale data made from the real catalog.
// `new-node SOURCE_DATA NODE_DATA`: a node with an empty data directory on SOURCE_DATA's database, timed to its first finished catch-up (ready).
// `store-snapshot SOURCE_DATA NODE_DATA`: stores a snapshot of NODE_DATA's indexes in SOURCE_DATA's database, which `new-node` then restores.
// `ann-recall DATA [QUERIES] [SEED]`: HNSW recall@10 against brute force over the stored vectors.
// `keyword-eval FOLDER WORK_DIR`: eval's BM25 lane alone, without embedding the collection.
// `hnsw-build N [BATCH] [EF_ADD,...]`: CPU per vector of building the HNSW index, one add per call against batches.
// `fusion-sweep FOLDER WORK_DIR MAX_TOKENS [W,W,...]`: hybrid scores of an evaluated folder per dense-lane weight.
// `floor-eval FOLDER WORK_DIR MAX_TOKENS [C,C,...] [S,S,...]`: nDCG@10/MRR@10 with and without the relevance floor, per mode, and a grid of floors.
// `floor-queries DATA QUERIES_FILE`: results returned per mode with and without the relevance floor (off-topic and topical queries).
// See docs/benchmarks.md for the figures and the commands that produced them.
// Anything else goes to BenchmarkDotNet (e.g. `--filter *Parse*`).
return args switch
{
    ["stages", var file, ..] => await ImportStages.RunAsync(file, args.Length > 2 ? args[2] : null),
    ["embed-throughput", var file, var count, var tokens, ..] =>
        await EmbedThroughput.RunAsync(file, Number(count), Number(tokens), args.Length > 4 ? Number(args[4]) : 3),
    ["known-items", var data, ..] => await KnownItems.RunAsync(data, args.Length > 2 ? Number(args[2]) : 1000, args.Length > 3 ? Number(args[3]) : 20261129),
    ["digest-compose", var data, ..] => await DigestCompose.RunAsync(data, args.Length > 2 ? Number(args[2]) : 10_000, args.Length > 3 ? Number(args[3]) : 20261204),
    ["digest-send", var data, var port] => await DigestSend.RunAsync(data, Number(port), int.MaxValue),
    ["digest-send", var data, var port, var limit] => await DigestSend.RunAsync(data, Number(port), Number(limit)),
    ["smtp-sink", var port] => await SmtpSink.RunAsync(Number(port)),
    ["author-recall", var data, ..] => await AuthorRecall.RunAsync(data, args.Length > 2 ? Number(args[2]) : 200, args.Length > 3 ? Number(args[3]) : 20261204),
    ["embed-memory", var queries, var count, ..] => await EmbedMemory.RunAsync(queries, Number(count),
        args.Length > 3 ? args[3] : new SearchOptions().Model, args.Length > 4 ? Number(args[4]) : 20261207),
    ["search-latency", var data, var queries, ..] => await SearchLatencyLoop.RunAsync(data, queries, args.Length > 3 ? Number(args[3]) : 5, args.Length > 4 ? args[4] : null),
    ["synth-papers", var data, var copies] => await SyntheticCatalog.PapersAsync(data, Number(copies)),
    ["synth-vectors", var data, ..] => await SyntheticCatalog.VectorsAsync(data, args.Length > 2 ? Number(args[2]) : 2000, args.Length > 3 ? Number(args[3]) : 20261129),
    ["new-node", var source, var node] => await NewNode.RunAsync(source, node),
    ["store-snapshot", var source, var node] => await NewNode.StoreSnapshotAsync(source, node),
    ["ann-recall", var data, ..] => await AnnRecall.RunAsync(data, args.Length > 2 ? Number(args[2]) : 1000, args.Length > 3 ? Number(args[3]) : 20261129),
    ["keyword-eval", var folder, var work] => await KeywordEval.RunAsync(folder, work),
    ["fusion-sweep", var folder, var work, var tokens, ..] => await FusionSweep.RunAsync(folder, work, Number(tokens),
        args.Length > 4 ? [.. args[4].Split(',').Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture))] : [0.5, 0.75, 1.0, 1.25, 1.5, 2.0]),
    ["floor-eval", var folder, var work, var tokens, ..] => await FloorEval.RunAsync(folder, work, Number(tokens),
        args.Length > 4 ? Doubles(args[4]) : [0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
        args.Length > 5 ? Doubles(args[5]) : [0.15, 0.2, 0.25, 0.3, 0.35, 0.4]),
    ["floor-queries", var data, var queries] => await FloorQueries.RunAsync(data, queries),
    ["hnsw-build", var count, ..] => HnswBuild.Run(Number(count), args.Length > 2 ? Number(args[2]) : 2000,
        args.Length > 3 ? [.. args[3].Split(',').Select(Number)] : [new VectorIndexOptions().ExpansionAdd]),
    _ => RunBenchmarkDotNet(args),
};

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static double[] Doubles(string text) => [.. text.Split(',').Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture))];

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ImportStages).Assembly).Run(args);
    return 0;
}
