using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// A gzip file damaged partway: what was read before the damage is imported, the summary adds up
/// and says how far the file was read, and the message says the gzip data is damaged.
/// </summary>
public sealed partial class DamagedGzipTests
{
    private const int Records = 12_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task RecordsBeforeTheDamageAreKeptAndTheSummaryAddsUp(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var good = await CompressedSampleAsync();
        // 64 zero bytes at 80% of the file, as a bad disk block or a cut-and-paste accident leaves them.
        var damageAt = good.Length * 4 / 5;
        var damaged = good.ToArray();
        Array.Clear(damaged, damageAt, 64);
        var input = Path.Combine(database.DataDirectory, "corpus.jsonl.gz");
        await File.WriteAllBytesAsync(input, damaged, Ct);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.UnusableInput, exitCode);
        var message = Regex.Match(stderr, $@"(?m)^{Regex.Escape(input)}: the gzip data is damaged after byte ~(?<at>\d+) of {damaged.Length} \(last good record {Regex.Escape(input)}:\d+; decompression failed at byte ");
        Assert.True(message.Success, stderr[^Math.Min(stderr.Length, 2000)..]);
        // Near the damage, give or take the read-ahead of the file and the decompressor.
        Assert.InRange(long.Parse(message.Groups["at"].Value, System.Globalization.CultureInfo.InvariantCulture), damageAt - (128 << 10), damageAt + (128 << 10));
        var summary = Summary().Match(stdout);
        Assert.True(summary.Success, stdout);
        long Count(string name) => long.Parse(summary.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Count("read"), Count("inserted") + Count("updated") + Count("unchanged") + Count("merged") + Count("skipped"));
        Assert.Matches($@"; {Regex.Escape(input)}: read to {Regex.Escape(input)}:\d+, the rest is damaged;", stdout);
        // Every record decoded from the bytes before the damage is in the catalog: deflate decodes a
        // prefix the same whatever follows it.
        var beforeDamage = IdsDecodedFrom(good.AsSpan(0, damageAt).ToArray());
        Assert.True(beforeDamage.Count > Records / 2, $"only {beforeDamage.Count} records before the damage");
        await using var db = CatalogDump.Open(database);
        var stored = (await db.Papers.Select(p => p.ArxivId).ToListAsync(Ct)).ToHashSet(StringComparer.Ordinal);
        var lost = beforeDamage.Count(id => !stored.Contains(id));
        Assert.Equal(0, lost);
        Assert.Equal(Count("inserted"), stored.Count);
    }

    [GeneratedRegex(@"read (?<read>\d+), inserted (?<inserted>\d+), updated (?<updated>\d+), unchanged (?<unchanged>\d+), merged duplicates (?<merged>\d+), skipped (?<skipped>\d+),")]
    private static partial Regex Summary();

    /// <summary>The real corpus sample, repeated under fresh ids up to <see cref="Records"/> lines, gzipped.</summary>
    private static async Task<byte[]> CompressedSampleAsync()
    {
        var lines = new List<string>();
        using (var sample = new StreamReader(new GZipStream(File.OpenRead(IngestFixtures.PathOf("jsonl", "arxiv-corpus-sample.jsonl.gz")), CompressionMode.Decompress)))
        {
            while (await sample.ReadLineAsync(Ct) is { } line)
            {
                lines.Add(line);
            }
        }
        using var buffer = new MemoryStream();
        await using (var output = new StreamWriter(new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true), new UTF8Encoding(false)))
        {
            for (var i = 0; i < Records; i++)
            {
                var paper = JsonNode.Parse(lines[i % lines.Count])!.AsObject();
                paper["id"] = $"{2601 + i / 50_000}.{i % 50_000 + 1:D5}";
                await output.WriteLineAsync(paper.ToJsonString());
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Ids of the complete lines a gzip prefix decodes to (the prefix ends mid-stream, so decoding ends in an error).</summary>
    private static List<string> IdsDecodedFrom(byte[] prefix)
    {
        using var decoded = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(prefix), CompressionMode.Decompress))
        {
            var chunk = new byte[1 << 16];
            try
            {
                int read;
                while ((read = gzip.Read(chunk)) > 0)
                {
                    decoded.Write(chunk, 0, read);
                }
            }
            catch (InvalidDataException)
            {
                // The cut: everything decoded before it stands.
            }
        }
        var text = Encoding.UTF8.GetString(decoded.ToArray());
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["id"]!.GetValue<string>()).ToList();
    }
}
