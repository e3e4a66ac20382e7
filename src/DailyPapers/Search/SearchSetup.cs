using System.Collections.Concurrent;
using DailyPapers.Papers;
using Microsoft.Extensions.AI;

namespace DailyPapers.Search;

public static class SearchSetup
{
    /// <summary>
    /// One loaded model per process: it is immutable, safe to share between threads and costs
    /// ~90 MB and ~2 s to load, so every host in the process (tests start many) uses the same one.
    /// Registered as an instance, so a host's container never disposes it.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SentenceEmbeddingGenerator> Generators = new(StringComparer.Ordinal);

    public static SentenceEmbeddingGenerator SharedGenerator(EmbeddingModel model) =>
        Generators.GetOrAdd(model.Name, _ => new SentenceEmbeddingGenerator(model));

    /// <summary>Registers the indexes, the embedding model, the search service and the job that keeps the indexes current.</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SearchOptions.Section);
        builder.Services.AddOptions<SearchOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<SearchOptions>() ?? new SearchOptions();
        var model = options.EmbeddingModel;

        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedGenerator(model));
        builder.Services.AddSingleton(new EmbeddingText(model, options.MaxTokens));
        builder.Services.AddSingleton<IndexSnapshotStore>();
        builder.Services.AddSingleton<SearchIndexes>();
        builder.Services.AddSingleton<Moderation.HiddenPapers>();
        builder.Services.AddSingleton<PaperEmbedder>();
        builder.Services.AddScoped<SearchService>();
        builder.Services.AddScoped<EmbeddingsTransfer>();
        builder.Services.AddScoped<SimilarPapers>();
        builder.Services.AddScoped<ISimilarPapers>(services => services.GetRequiredService<SimilarPapers>());
        builder.Services.AddHostedService<SearchIndexJob>();
        builder.Services.AddHostedService<IndexSnapshotJob>();
        return builder;
    }
}
