using Microsoft.Extensions.AI;
using SentenceTransformers;

namespace DailyPapers.Search;

/// <summary>
/// An <see cref="EmbeddingModel"/> behind <c>Microsoft.Extensions.AI</c>'s embedding abstraction.
/// The ONNX session loads on first use (about 2 s and 90 MB), off the caller's thread, so a search
/// that cannot wait for it can fall back to keywords. Inference is CPU-bound and synchronous in the
/// package, so it runs on the thread pool; the ONNX session is safe to call concurrently.
/// </summary>
public sealed class SentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lazy<Task<ISentenceEncoder>> _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private volatile ISentenceEncoder? _loaded;

    public SentenceEmbeddingGenerator(EmbeddingModel model)
    {
        Model = model;
        _encoder = new(() => Task.Run(() => _loaded = model.CreateEncoder()), LazyThreadSafetyMode.ExecutionAndPublication);
        _metadata = new EmbeddingGeneratorMetadata("SentenceTransformers", defaultModelId: model.Name, defaultModelDimensions: model.Dimensions);
    }

    public EmbeddingModel Model { get; }

    /// <summary>True once the model is loaded and a call will not wait for it.</summary>
    public bool IsLoaded => _loaded is not null;

    /// <summary>Starts loading the model without waiting for it.</summary>
    public Task WarmUpAsync() => _encoder.Value;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        var encoder = await _encoder.Value.WaitAsync(cancellationToken);
        var vectors = await Task.Run(() => encoder.Encode(inputs, cancellationToken), cancellationToken);
        return [.. vectors.Select(v => new Embedding<float>(v) { ModelId = Model.Name })];
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        (_loaded as IDisposable)?.Dispose();
        _loaded = null;
    }
}
