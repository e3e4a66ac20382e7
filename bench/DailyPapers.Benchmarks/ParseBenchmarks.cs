using BenchmarkDotNet.Attributes;
using DailyPapers.Ingest;

namespace DailyPapers.Benchmarks;

/// <summary>
/// Parser cost per record, from memory (no disk, no gzip): the bundled Hugging Face demo file and,
/// when <c>DAILYPAPERS_BENCH_CORPUS</c> names an arXiv-corpus JSON-lines file, its first 10,000 lines.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _hf = [];
    private byte[] _corpus = [];

    [GlobalSetup]
    public void Setup()
    {
        _hf = Decompress(Path.Combine(AppContext.BaseDirectory, "DemoData", "hf-daily-papers.jsonl.gz"), int.MaxValue);
        var corpus = Environment.GetEnvironmentVariable("DAILYPAPERS_BENCH_CORPUS");
        _corpus = corpus is null ? _hf : Decompress(corpus, 10_000);
    }

    [Benchmark]
    public int HuggingFaceJsonLines() => Count(_hf);

    [Benchmark]
    public int ArxivCorpusJsonLines() => Count(_corpus);

    private static int Count(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return JsonlParser.Parse(stream, "bench.jsonl", new ImportOptions()).Count(item => item.Record is not null);
    }

    private static byte[] Decompress(string path, int lines)
    {
        using var input = InputFile.Open(path);
        using var reader = new StreamReader(input.Content);
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, leaveOpen: true))
        {
            for (var i = 0; i < lines && reader.ReadLine() is { } line; i++)
            {
                writer.WriteLine(line);
            }
        }
        return output.ToArray();
    }
}
