using System.Collections.Concurrent;
using DailyPapers.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// The app on a test database with its harvesters pointed at a <see cref="ReplayServer"/>, no
/// politeness delay unless asked, and optionally a <see cref="ManualClock"/>.
/// </summary>
public sealed class HarvestRig : IAsyncDisposable
{
    private HarvestRig(AppFactory app, ReplayServer server, ManualClock? clock)
    {
        App = app;
        Server = server;
        Clock = clock;
    }

    public AppFactory App { get; }
    public ReplayServer Server { get; }
    public ManualClock? Clock { get; }

    /// <summary>Everything the harvests reported, in order.</summary>
    public EventLog Events { get; } = new();

    public static async Task<HarvestRig> StartAsync(Lane lane, ManualClock? clock = null, Dictionary<string, string?>? settings = null)
    {
        var server = await ReplayServer.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Harvest:OaiBaseUrl"] = server.Url("oai2"),
            ["Harvest:HfBaseUrl"] = server.Url(""),
            ["Harvest:PolitenessDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        var app = await AppFactory.CreateAsync(lane, all, clock is null ? null : services => services.AddSingleton<TimeProvider>(clock));
        return new HarvestRig(app, server, clock);
    }

    public async Task<ArxivHarvestResult> HarvestArxivAsync(ArxivHarvestRequest request, CancellationToken? cancellationToken = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ArxivHarvester>()
            .RunAsync(request, Events, cancellationToken ?? TestContext.Current.CancellationToken);
    }

    public async Task<HfHarvestResult> HarvestHfAsync(DateOnly from, DateOnly until)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HfHarvester>()
            .RunAsync(from, until, Events, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }

    public sealed class EventLog : IProgress<HarvestEvent>
    {
        private readonly ConcurrentQueue<HarvestEvent> _events = new();

        public IReadOnlyList<HarvestEvent> All => [.. _events];

        public IEnumerable<T> Of<T>() where T : HarvestEvent => All.OfType<T>();

        public void Report(HarvestEvent value) => _events.Enqueue(value);
    }
}
