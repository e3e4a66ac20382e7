using Microsoft.Extensions.AI;

namespace DailyPapers.Tests.Search;

/// <summary>The real model, counting the texts a node asks it to embed: how a test proves a node ran it, or never did.</summary>
internal sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> model)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(model)
{
    private int _texts;

    public int Texts => Volatile.Read(ref _texts);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Interlocked.Add(ref _texts, texts.Count);
        return base.GenerateAsync(texts, options, cancellationToken);
    }
}
