using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>A paper in the JSONL import format (the bundled demo catalog's), for fixture catalogs and papers a test imports.</summary>
public sealed record CatalogRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("authors")] IReadOnlyList<string> Authors,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("published")] string? Published,
    [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
    [property: JsonPropertyName("hf_date")] string? HfDate,
    [property: JsonPropertyName("upvotes")] int? Upvotes)
{
    private static int _serial = Random.Shared.Next(10_000, 90_000);

    /// <summary>Today (UTC) as the cluster's nodes see it: they are separate processes on the system clock.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The newest <paramref name="count"/> papers of the bundled demo catalog that have abstracts: a
    /// real catalog small enough that each node indexes it in seconds, and whose embeddings ship.
    /// </summary>
    public static async Task<IReadOnlyList<CatalogRecord>> DemoSliceAsync(string repository, int count)
    {
        var file = Path.Combine(repository, "src", "DailyPapers", "DemoData", "hf-daily-papers.jsonl.gz");
        await using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(input);
        var records = new List<CatalogRecord>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var record = JsonSerializer.Deserialize<CatalogRecord>(line)!;
            if (record.Abstract.Length > 0)
            {
                records.Add(record);
            }
        }
        return records[^count..];
    }

    /// <summary>
    /// A new paper no catalog holds: an arXiv id of the current month with a serial number, a title
    /// with a made-up word search can find it by, first published on <paramref name="feedDay"/> and
    /// (unless <paramref name="onFeed"/> is false, as for a paper a member will submit) on that day's page.
    /// </summary>
    public static CatalogRecord New(string word, DateOnly feedDay, string topic = "sparse attention for long documents", bool onFeed = true)
    {
        var serial = Interlocked.Increment(ref _serial);
        var today = Today;
        var id = string.Create(CultureInfo.InvariantCulture, $"{today:yyMM}.{serial:D5}");
        return new CatalogRecord(
            id,
            $"{char.ToUpperInvariant(word[0])}{word[1..]}: {topic}",
            ["Ada Tester", "Grace Cluster"],
            $"We study {topic} and introduce {word}, which the cluster tests search for.",
            feedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cs.LG"],
            onFeed ? feedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            3);
    }

    /// <summary>A made-up word that no real abstract contains.</summary>
    public static string UniqueWord(string stem) =>
        stem + "zq" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    public static async Task WriteAsync(string file, IEnumerable<CatalogRecord> records) =>
        await File.WriteAllLinesAsync(file, records.Select(r => JsonSerializer.Serialize(r)));
}
