using System.Collections.Concurrent;
using System.Diagnostics;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>
/// Readers through the proxy while a test breaks something: each worker loops over pages, API
/// answers and searches (some unique, so they reach a node and its database rather than a cache)
/// and records every answer's status, or 0 for a failed connection or a timeout.
/// </summary>
public sealed class Load : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ConcurrentQueue<(TimeSpan At, int Status)> Answers { get; } = new();

    public static Load Start(Uri target, IReadOnlyList<string> paths, int workers)
    {
        var load = new Load();
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            load._workers.Add(Task.Run(() => load.RunAsync(target, paths, worker)));
        }
        return load;
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public async Task<List<(TimeSpan At, int Status)>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        return [.. Answers];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }

    private async Task RunAsync(Uri target, IReadOnlyList<string> paths, int worker)
    {
        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(20) };
        for (var i = worker; !_stop.IsCancellationRequested; i++)
        {
            var path = paths[i % paths.Count].Replace("{n}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            int status;
            try
            {
                using var response = await client.GetAsync(path, _stop.Token);
                await response.Content.ReadAsByteArrayAsync(_stop.Token);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                status = 0;
            }
            Answers.Enqueue((_clock.Elapsed, status));
        }
    }
}
