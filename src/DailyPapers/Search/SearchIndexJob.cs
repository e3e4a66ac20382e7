using DailyPapers.Jobs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DailyPapers.Search;

/// <summary>
/// Keeps the node's indexes current: at start (building them if missing) and then every
/// <see cref="SearchOptions.RefreshInterval"/>, since imports and harvests may run in another
/// process. When <see cref="SearchOptions.EmbedInBackground"/> is on it also embeds new papers, a few
/// hundred at a time so that keyword updates never wait behind a long embedding backlog, under the
/// cluster's <c>embed</c> lease: one node runs the model, every node's vector index loads what it stored.
/// </summary>
public sealed partial class SearchIndexJob(
    SearchIndexes indexes,
    PaperEmbedder embedder,
    ClusterJobs jobs,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    ILogger<SearchIndexJob> logger) : BackgroundService
{
    private const int EmbedPerRound = 600;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        var warm = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var backlog = false;
            try
            {
                Health.SiteMetrics.JobRan(Health.SiteMetrics.SearchIndexJob);
                await indexes.CatchUpAsync(stoppingToken);
                if (!warm && indexes.VectorCount > 0 && embeddings.GetService<SentenceEmbeddingGenerator>() is { } model)
                {
                    // Load the model now rather than on the first search, which would otherwise fall back to keywords.
                    await model.WarmUpAsync().WaitAsync(stoppingToken);
                    warm = true;
                }
                if (settings.EmbedInBackground && indexes.IsOwner)
                {
                    var round = await jobs.RunOnceAsync(JobNames.Embed, settings.EmbedLease,
                        ct => embedder.EmbedPendingAsync(EmbedPerRound, null, ct), stoppingToken);
                    var embedded = round.Result;
                    if (embedded > 0)
                    {
                        LogEmbedded(logger, embedded);
                        await indexes.CatchUpAsync(stoppingToken);
                    }
                    backlog = embedded == EmbedPerRound;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next round retries; a broken database or disk must not stop the site.
                Health.SiteMetrics.JobFailed(Health.SiteMetrics.SearchIndexJob);
                LogFailed(logger, exception);
            }
            if (!backlog)
            {
                try
                {
                    await Task.Delay(settings.RefreshInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Embedded {Count} papers")]
    private static partial void LogEmbedded(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "Updating the search indexes failed; retrying on the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
