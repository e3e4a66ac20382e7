using System.Security.Cryptography;
using System.Text.Json;
using Cloud.Unum.USearch;

namespace DailyPapers.Search;

/// <summary>
/// The USearch HNSW index of paper embeddings (cosine), for one model key. Not thread-safe by
/// itself: <see cref="SearchIndexes"/> guards it. Saved as <c>vectors.usearch</c> plus a watermark
/// file holding the model, the change sequence caught up to and the file's SHA-256, written after
/// the index: a crash between the two leaves an older watermark, and replaying changes is harmless.
/// The checksum keeps damaged files away from the native loader.
/// </summary>
public sealed class VectorIndex : IDisposable
{
    public const string FileName = "vectors.usearch";
    public const string WatermarkFileName = "vectors.watermark.json";

    private readonly USearchIndex _index;
    private readonly VectorIndexOptions _options;

    /// <summary>
    /// USearch keeps one search context per hardware thread and fails a search that finds none free
    /// ("Reserve capacity ahead of searches!"): 16 concurrent API searches on 2 cores answered 500
    /// about one time in fifteen. Searches beyond that many wait their turn here instead.
    /// </summary>
    private readonly SemaphoreSlim _searchSlots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    private VectorIndex(USearchIndex index, string modelKey, int dimensions, long watermark, VectorIndexOptions options)
    {
        _index = index;
        ModelKey = modelKey;
        Dimensions = dimensions;
        Watermark = watermark;
        _options = options;
    }

    public string ModelKey { get; }
    public int Dimensions { get; }

    /// <summary>Highest embedding change sequence in the index; -1 for an empty index.</summary>
    public long Watermark { get; private set; }

    /// <summary>Changes since the last save.</summary>
    public int Unsaved { get; private set; }

    public int Count => (int)_index.Size();

    /// <summary>Candidates an insert explores now (efConstruction); null if the native handle is hidden.</summary>
    internal int? ExpansionAdd => HnswNative.ExpansionAdd(_index);

    public static VectorIndex CreateEmpty(string modelKey, int dimensions, VectorIndexOptions options) =>
        new(new USearchIndex(MetricKind.Cos, options.Quantization, (ulong)dimensions, (ulong)options.Connectivity, (ulong)options.ExpansionAdd, (ulong)options.SearchBreadth),
            modelKey, dimensions, -1, options);

    /// <summary>
    /// The change sequence the saved index of <paramref name="modelKey"/> reached, read from its
    /// watermark file without loading the index (for <c>dailypapers status</c>); null when there is none.
    /// </summary>
    public static long? ReadSavedWatermark(string folder, string modelKey)
    {
        try
        {
            var saved = JsonSerializer.Deserialize<VectorWatermark>(File.ReadAllText(Path.Combine(folder, WatermarkFileName)));
            return saved is not null && saved.Model == modelKey && File.Exists(Path.Combine(folder, FileName)) ? saved.ChangeSeq : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Loads the saved index, or returns null with the reason when it is missing, for another model,
    /// or does not match its checksum (damaged or half-written), so the caller rebuilds it.
    /// </summary>
    public static VectorIndex? TryLoad(string folder, string modelKey, int dimensions, VectorIndexOptions options, out string? reason)
    {
        var file = Path.Combine(folder, FileName);
        var watermarkFile = Path.Combine(folder, WatermarkFileName);
        if (!File.Exists(file) || !File.Exists(watermarkFile))
        {
            reason = "no saved vector index";
            return null;
        }
        VectorWatermark? saved;
        try
        {
            saved = JsonSerializer.Deserialize<VectorWatermark>(File.ReadAllText(watermarkFile));
        }
        catch (JsonException)
        {
            saved = null;
        }
        if (saved is null || saved.Model != modelKey || saved.Dimensions != dimensions || saved.Quantization != options.Quantization.ToString())
        {
            reason = "the saved vector index is for another model or format";
            return null;
        }
        if (!string.Equals(saved.Sha256, FileSha256(file), StringComparison.Ordinal))
        {
            reason = "the saved vector index does not match its checksum";
            return null;
        }
        try
        {
            var index = new USearchIndex(file);
            if ((int)index.Dimensions() != dimensions)
            {
                index.Dispose();
                reason = "the saved vector index has other dimensions";
                return null;
            }
            // The file does not keep it: without this, papers added after a restart get the library's default.
            HnswNative.TrySetExpansionAdd(index, options.ExpansionAdd);
            reason = null;
            return new VectorIndex(index, modelKey, dimensions, saved.ChangeSeq, options);
        }
        catch (USearchException exception)
        {
            reason = "the saved vector index cannot be read: " + exception.Message;
            return null;
        }
    }

    /// <summary>Batches at least this large are inserted from all cores (catch-up pages are 2,000).</summary>
    private const int ParallelAddThreshold = 256;

    public void Upsert(long paperId, float[] vector) => Upsert([(paperId, vector)]);

    /// <summary>
    /// Adds or replaces a batch. USearch's single-vector add grows the index's capacity by exactly one
    /// (a reallocation per add); a batch grows it once, which took 10–20% off the CPU time of building
    /// 20k–100k vectors (docs/benchmarks.md, "Search at scale"). Large batches are inserted in parallel.
    /// </summary>
    public void Upsert(IReadOnlyList<(long PaperId, float[] Vector)> batch)
    {
        var latest = new Dictionary<ulong, float[]>(batch.Count);
        foreach (var (paperId, vector) in batch)
        {
            latest[(ulong)paperId] = vector;
        }
        foreach (var key in latest.Keys)
        {
            if (_index.Contains(key))
            {
                _index.Remove(key);
            }
        }
        ulong[] keys = [.. latest.Keys];
        float[][] vectors = [.. latest.Values];
        // The graph's first vectors go in one at a time (see VectorIndexOptions.ParallelInsertsFrom).
        var sequential = (int)Math.Clamp(_options.ParallelInsertsFrom - (long)_index.Size(), 0, keys.Length);
        if (sequential > 0)
        {
            _index.Add(keys[..sequential], vectors[..sequential]);
        }
        var rest = keys.Length - sequential;
        if (rest >= ParallelAddThreshold && Environment.ProcessorCount > 1 && HnswNative.TryReserve(_index, _index.Size() + (ulong)rest))
        {
            // Capacity is reserved, so each add below only inserts; never more threads than USearch has contexts.
            Parallel.For(sequential, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => _index.Add(keys[i], vectors[i]));
        }
        else if (rest > 0)
        {
            _index.Add(keys[sequential..], vectors[sequential..]);
        }
        Unsaved += latest.Count;
    }

    public void Advance(long watermark) => Watermark = Math.Max(Watermark, watermark);

    /// <summary>
    /// The <paramref name="count"/> nearest papers, most similar first, with cosine similarity.
    /// HNSW explores max(count, ef) candidates; asking for at least <see cref="VectorIndexOptions.SearchBreadth"/>
    /// sets ef per query, which the saved file does not keep.
    /// </summary>
    public IReadOnlyList<(long PaperId, float Similarity)> Search(float[] query, int count)
    {
        if (count <= 0 || _index.Size() == 0)
        {
            return [];
        }
        _searchSlots.Wait();
        int found;
        ulong[] keys;
        float[] distances;
        try
        {
            found = _index.Search(query, Math.Max(count, _options.SearchBreadth), out keys, out distances);
        }
        finally
        {
            _searchSlots.Release();
        }
        var hits = new List<(long, float)>(Math.Min(found, count));
        for (var i = 0; i < Math.Min(found, count); i++)
        {
            hits.Add(((long)keys[i], 1 - distances[i]));
        }
        return hits;
    }

    public void Save(string folder)
    {
        var file = Path.Combine(folder, FileName);
        var temporary = file + ".tmp";
        _index.Save(temporary);
        var sha = FileSha256(temporary);
        File.Move(temporary, file, overwrite: true);
        var watermark = new VectorWatermark(ModelKey, Dimensions, _options.Quantization.ToString(), Watermark, sha);
        var watermarkFile = Path.Combine(folder, WatermarkFileName);
        File.WriteAllText(watermarkFile + ".tmp", JsonSerializer.Serialize(watermark));
        File.Move(watermarkFile + ".tmp", watermarkFile, overwrite: true);
        Unsaved = 0;
    }

    public static void Delete(string folder)
    {
        File.Delete(Path.Combine(folder, FileName));
        File.Delete(Path.Combine(folder, WatermarkFileName));
    }

    private static string FileSha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        _index.Dispose();
        _searchSlots.Dispose();
    }

    private sealed record VectorWatermark(string Model, int Dimensions, string Quantization, long ChangeSeq, string Sha256);
}
