using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Web;

/// <summary>The store around the framework's own in-memory output cache store, on a manual clock.</summary>
public sealed class StaleWhileRevalidateStoreTests : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private readonly ServiceProvider _services = new ServiceCollection().AddOptions().AddOutputCache().BuildServiceProvider();
    private readonly ManualClock _clock = new();
    private readonly StaleWhileRevalidateStore _store;

    public StaleWhileRevalidateStoreTests() =>
        _store = new StaleWhileRevalidateStore(_services.GetRequiredService<IOutputCacheStore>(), _clock);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task AFreshEntryIsServedToEveryone()
    {
        await _store.SetAsync("page", [1], ["pages"], Fresh, Ct);
        _clock.Advance(Fresh - TimeSpan.FromMilliseconds(1));

        Assert.Equal([1], await _store.GetAsync("page", Ct));
        Assert.Equal([1], await _store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task OnceStaleOneRequestRendersTheSuccessorWhileTheOthersGetTheOldCopy()
    {
        await _store.SetAsync("page", [1], ["pages"], Fresh, Ct);
        _clock.Advance(Fresh);

        Assert.Null(await _store.GetAsync("page", Ct));
        Assert.Equal([1], await _store.GetAsync("page", Ct));
        Assert.Equal([1], await _store.GetAsync("page", Ct));

        await _store.SetAsync("page", [2], ["pages"], Fresh, Ct);
        Assert.Equal([2], await _store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task ARefreshThatStoresNothingIsRetriedAfterTheRefreshTimeoutAndTheOldCopyServesMeanwhile()
    {
        await _store.SetAsync("page", [1], ["pages"], Fresh, Ct);
        _clock.Advance(Fresh);
        Assert.Null(await _store.GetAsync("page", Ct));

        _clock.Advance(StaleWhileRevalidateStore.RefreshTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal([1], await _store.GetAsync("page", Ct));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await _store.GetAsync("page", Ct));
        Assert.Equal([1], await _store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task EvictingATagRemovesItsEntriesAtOnceAndKeysStayApart()
    {
        await _store.SetAsync("day", [1], ["pages"], Fresh, Ct);
        await _store.SetAsync("other", [3], ["elsewhere"], Fresh, Ct);

        await _store.EvictByTagAsync("pages", Ct);

        Assert.Null(await _store.GetAsync("day", Ct));
        Assert.Null(await _store.GetAsync("day", Ct));
        Assert.Equal([3], await _store.GetAsync("other", Ct));
    }

    [Fact]
    public async Task AnUnknownKeyMisses() => Assert.Null(await _store.GetAsync("never stored", Ct));
}
