using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace DailyPapers.Search;

/// <summary>What an embeddings file says about itself, before its records.</summary>
public sealed record EmbeddingsFileHeader(string Model, int Dimensions, string Encoding, string Text, int Count);

/// <summary>One paper's vector as an embeddings file carries it: its id, the hash of the exact model input, the vector (unit length).</summary>
public sealed record EmbeddingsFileRecord(string ArxivId, byte[] TextHash, float[] Vector);

/// <summary>
/// The portable form of a catalog's embeddings (<c>dailypapers embeddings export|import</c>, and the
/// demo catalog's shipped vectors): gzip over a magic line, a JSON header line naming the model key
/// (model and input truncation), dimensions, encoding and what text was embedded, then one record
/// per paper: arXiv id, 16-byte input hash, a float32 scale and one signed byte per dimension.
/// int8 with a per-vector scale is a quarter of float32 and changes cosine similarities by well
/// under 1%; the importer renormalizes.
/// </summary>
public static class EmbeddingsFile
{
    private const string Magic = "DAILYPAPERS-EMBEDDINGS 1";
    public const string ScaledBytes = "int8-scaled";
    public const string TextDescription = "title + \". \" + abstract, cleaned and cut to the model key's token budget (EmbeddingText.ForPaper)";

    public static async Task WriteAsync(Stream output, EmbeddingsFileHeader header, IAsyncEnumerable<EmbeddingsFileRecord> records, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic + "\n"));
        writer.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header, EmbeddingsFileJson.Default.EmbeddingsFileHeader) + "\n"));
        var written = 0;
        var quantized = new sbyte[header.Dimensions];
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Vector.Length != header.Dimensions)
            {
                throw new InvalidDataException($"{record.ArxivId}: {record.Vector.Length} dimensions in a file of {header.Dimensions}");
            }
            var scale = Quantize(record.Vector, quantized);
            writer.Write(record.ArxivId);
            writer.Write(record.TextHash);
            writer.Write(scale);
            foreach (var value in quantized)
            {
                writer.Write(value);
            }
            written++;
        }
        if (written != header.Count)
        {
            throw new InvalidOperationException($"The header promised {header.Count} records and {written} were written.");
        }
    }

    /// <summary>Reads the header; a file that is not an embeddings file (or of another version) is refused here with a message saying so.</summary>
    public static EmbeddingsFileHeader ReadHeader(BinaryReader reader, string name)
    {
        var magic = ReadLine(reader, 64);
        if (magic != Magic)
        {
            throw new InvalidDataException($"{name}: not a DailyPapers embeddings file (it should start with \"{Magic}\").");
        }
        var json = ReadLine(reader, 4096);
        EmbeddingsFileHeader? header;
        try
        {
            header = json is null ? null : JsonSerializer.Deserialize(json, EmbeddingsFileJson.Default.EmbeddingsFileHeader);
        }
        catch (JsonException)
        {
            header = null;
        }
        if (header is null || header.Dimensions is < 1 or > 4096 || header.Count < 0 || header.Encoding != ScaledBytes)
        {
            throw new InvalidDataException($"{name}: the header line is not one this version reads ({json}).");
        }
        return header;
    }

    /// <summary>
    /// The records after <see cref="ReadHeader"/>, numbered from 1: a record whose vector cannot be
    /// one (a scale that is not a positive finite number) comes with a problem instead; a cut-off
    /// file ends with an exception naming the record it broke in.
    /// </summary>
    public static IEnumerable<(int Index, EmbeddingsFileRecord? Record, string? Problem)> ReadRecords(BinaryReader reader, EmbeddingsFileHeader header, string name)
    {
        for (var index = 1; index <= header.Count; index++)
        {
            (int, EmbeddingsFileRecord?, string?) record;
            try
            {
                var arxivId = reader.ReadString();
                var hash = reader.ReadBytes(16);
                var scale = reader.ReadSingle();
                var quantized = reader.ReadBytes(header.Dimensions);
                if (hash.Length != 16 || quantized.Length != header.Dimensions)
                {
                    throw new EndOfStreamException();
                }
                var vector = float.IsFinite(scale) && scale > 0 ? Dequantize(quantized, scale) : null;
                record = vector is not null
                    ? (index, new EmbeddingsFileRecord(arxivId, hash, vector), null)
                    : (index, null, $"{name}: record {index}: not a vector (scale {scale}, or every value zero); skipped");
            }
            catch (Exception broken) when (broken is EndOfStreamException or FormatException)
            {
                // FormatException: the id's length prefix is garbage, which a cut or damaged file gives too.
                throw new InvalidDataException($"{name}: record {index} of {header.Count}: the file ends or breaks inside it (cut off or damaged?).");
            }
            yield return record;
        }
    }

    public static BinaryReader OpenReader(Stream input) => new(new GZipStream(input, CompressionMode.Decompress), Encoding.UTF8);

    private static float Quantize(float[] vector, sbyte[] into)
    {
        var max = 0f;
        foreach (var value in vector)
        {
            max = Math.Max(max, Math.Abs(value));
        }
        var scale = max > 0 ? max / 127f : 1f;
        for (var i = 0; i < vector.Length; i++)
        {
            into[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        }
        return scale;
    }

    /// <summary>Back to float32 at unit length (what the index and the database expect); null for the zero vector, which has no direction.</summary>
    private static float[]? Dequantize(byte[] quantized, float scale)
    {
        var vector = new float[quantized.Length];
        var norm = 0.0;
        for (var i = 0; i < quantized.Length; i++)
        {
            vector[i] = (sbyte)quantized[i] * scale;
            norm += vector[i] * vector[i];
        }
        var length = (float)Math.Sqrt(norm);
        if (!(length > 0) || !float.IsFinite(length))
        {
            return null;
        }
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= length;
        }
        return vector;
    }

    private static string? ReadLine(BinaryReader reader, int limit)
    {
        var bytes = new List<byte>();
        try
        {
            for (var b = reader.ReadByte(); b != (byte)'\n'; b = reader.ReadByte())
            {
                if (bytes.Count == limit)
                {
                    return null;
                }
                bytes.Add(b);
            }
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(EmbeddingsFileHeader))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class EmbeddingsFileJson : System.Text.Json.Serialization.JsonSerializerContext;
