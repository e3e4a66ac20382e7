using DailyPapers.Ingest;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DailyPapers.Tests.Search;

/// <summary>
/// The real app for search tests: papers go in through the production <see cref="CatalogWriter"/>
/// (so they carry real change sequences), embeddings through <see cref="PaperEmbedder"/>, and the
/// indexes catch up when the test says so. The background job only runs its first round unless a
/// test asks for a short refresh interval, or not at all with <c>indexJob: false</c> (for tests of an
/// index that lags behind the catalog, which that first round could otherwise catch up at any moment).
/// </summary>
public sealed class SearchApp : IAsyncDisposable
{
    private SearchApp(AppFactory app) => App = app;

    public AppFactory App { get; }
    public Lane Lane => App.Lane;
    public SearchIndexes Indexes => App.Services.GetRequiredService<SearchIndexes>();

    public static async Task<SearchApp> CreateAsync(Lane lane, Dictionary<string, string?>? settings = null, bool indexJob = true)
    {
        var all = new Dictionary<string, string?> { ["Search:RefreshInterval"] = "01:00:00" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return new SearchApp(await AppFactory.CreateAsync(lane, all, indexJob ? null : WithoutIndexJob));
    }

    /// <summary>Another node on <paramref name="database"/> (say <c>app.App.Database.AnotherNode()</c>), with the same defaults.</summary>
    public static async Task<SearchApp> CreateOnAsync(TestDatabase database, Dictionary<string, string?>? settings = null, bool indexJob = true)
    {
        var all = new Dictionary<string, string?> { ["Search:RefreshInterval"] = "01:00:00" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return new SearchApp(await AppFactory.CreateOnAsync(database, all, services: indexJob ? null : WithoutIndexJob));
    }

    private static void WithoutIndexJob(IServiceCollection services)
    {
        var jobs = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SearchIndexJob)).ToList();
        // A registration this filter no longer recognizes would leave the job running and the lag tests racing it.
        Assert.Single(jobs);
        services.Remove(jobs[0]);
    }

    /// <summary>A paper record at version 1; an update must carry a newer version (<c>with { Version = 2 }</c>) to replace its text.</summary>
    public static PaperRecord Paper(string id, string title, string @abstract, string categories = "cs.LG", int upvotes = 0, params string[] authors) => new()
    {
        ArxivId = id,
        Version = 1,
        Title = title,
        Abstract = @abstract,
        Authors = authors.Length > 0 ? authors : null,
        Categories = categories.Split(' '),
        PublishedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(int.Parse(id[^2..], System.Globalization.CultureInfo.InvariantCulture)),
        Upvotes = upvotes,
    };

    public async Task WriteAsync(params PaperRecord[] papers)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(papers, "import:hf", TestContext.Current.CancellationToken);
    }

    public Task<int> EmbedAsync(int? limit = null) =>
        App.Services.GetRequiredService<PaperEmbedder>().EmbedPendingAsync(limit, null, TestContext.Current.CancellationToken);

    public Task<CatchUpResult> CatchUpAsync() => Indexes.CatchUpAsync(TestContext.Current.CancellationToken);

    public async Task<SearchResult> SearchAsync(SearchRequest request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Searches with a generous embedding budget, so a busy test machine cannot turn a hybrid test into a keyword one.</summary>
    public Task<SearchResult> SearchAsync(string query, SearchMode mode = SearchMode.Hybrid) =>
        SearchAsync(new SearchRequest(query) { Mode = mode, EmbeddingBudget = TimeSpan.FromSeconds(60) });

    public static string[] Ids(SearchResult result) => [.. result.Hits.Select(h => h.Paper.ArxivId)];

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Loads the embedding model once for every test that needs it (it is shared process-wide anyway).</summary>
public sealed class EmbeddingModelFixture : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await SearchSetup.SharedGenerator(new SearchOptions().EmbeddingModel).WarmUpAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class EmbeddingModelGroup : ICollectionFixture<EmbeddingModelFixture>
{
    public const string Name = "Embedding model";
}
