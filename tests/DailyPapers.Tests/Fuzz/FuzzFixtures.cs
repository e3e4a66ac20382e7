using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Fuzz;

/// <summary>A recorded real input as a parser sees it: unwrapped, decompressed, with the format it is detected as.</summary>
public sealed record FuzzFixture(string Name, ImportFormat Format, byte[] Content)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every recorded input under <c>Fixtures/</c>, grouped by the format the importer detects it as.
/// Nothing here names a format: a new importer's fixtures are found the way <c>import</c> finds them,
/// so the fuzz tests cover it as soon as it is registered and has a fixture.
/// </summary>
internal static class FuzzFixtures
{
    /// <summary>
    /// Large line-based fixtures (the 5 MB corpus sample) are cut to whole lines within this, so a
    /// case costs milliseconds; the lines kept are real records all the same.
    /// </summary>
    public const int MaxBytes = 96 * 1024;

    private static readonly Lazy<IReadOnlyList<FuzzFixture>> Loaded = new(Load);

    public static IReadOnlyList<FuzzFixture> All => Loaded.Value;

    public static IReadOnlyList<FuzzFixture> Of(ImportFormat format) => [.. All.Where(f => f.Format == format)];

    private static List<FuzzFixture> Load()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var fixtures = new List<FuzzFixture>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".md", StringComparison.Ordinal))
            {
                continue;
            }
            var content = Unwrap(File.ReadAllBytes(path));
            if (ImportFormats.Detect(InputHead.Read(content)) is { } format)
            {
                var name = Path.GetFileName(path);
                fixtures.Add(new FuzzFixture(name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name, format, Cap(content)));
            }
        }
        return fixtures;
    }

    /// <summary>Gzip is decompressed; an HTTP recording (<c>{"url", "status_code", "body"}</c>) gives its body.</summary>
    private static byte[] Unwrap(byte[] content)
    {
        if (content is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }
        if (content.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                if (document.RootElement.TryGetProperty("status_code", out _) && document.RootElement.TryGetProperty("body", out var body)
                    && body.ValueKind == JsonValueKind.String)
                {
                    // Recorded as Latin-1 text of the UTF-8 body (see Infrastructure/Fixtures.Unwrap).
                    return Encoding.Latin1.GetBytes(body.GetString()!);
                }
            }
            catch (JsonException)
            {
                // JSON lines (more than one value): the content itself.
            }
        }
        return content;
    }

    private static byte[] Cap(byte[] content)
    {
        if (content.Length <= MaxBytes || content[0] != (byte)'{')
        {
            return content;
        }
        var cut = content.AsSpan(0, MaxBytes).LastIndexOf((byte)'\n');
        return cut > 0 ? content[..(cut + 1)] : content;
    }
}
