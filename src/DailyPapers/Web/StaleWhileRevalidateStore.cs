using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;

namespace DailyPapers.Web;

/// <summary>
/// Output cache storage that serves a just-expired entry while one request renders its successor
/// (HTTP's stale-while-revalidate, RFC 5861, done on the server). Without it, every expiry of a busy
/// page made all concurrent requests wait for one re-render: under load that wait was the whole p99
/// (see "Pages and API under load" in docs/benchmarks.md).
/// <para>
/// An entry is fresh for the <c>validFor</c> its policy gives and is kept for <see cref="StaleWindow"/>
/// longer. The first lookup after it turns stale misses, so that request runs the endpoint and stores
/// a fresh copy; lookups meanwhile get the stale copy. If that request stores nothing (an error, a
/// response that may not be cached), another lookup gets to try once <see cref="RefreshTimeout"/> has
/// passed, and the last good copy keeps being served until the stale window closes. Tag eviction is
/// immediate, as before.
/// </para>
/// </summary>
public sealed class StaleWhileRevalidateStore(IOutputCacheStore inner, TimeProvider clock) : IOutputCacheStore
{
    /// <summary>How long past its freshness an entry may still be served while a successor renders.</summary>
    public static readonly TimeSpan StaleWindow = TimeSpan.FromSeconds(30);

    /// <summary>How long one refreshing request has before another may try.</summary>
    public static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Beyond this many tracked keys, keys whose entries have surely left the store are forgotten.</summary>
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Freshness> _freshness = new(StringComparer.Ordinal);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await inner.GetAsync(key, cancellationToken);
        if (value is null || !_freshness.TryGetValue(key, out var freshness))
        {
            _freshness.TryRemove(key, out _);
            return null;
        }
        var now = clock.GetUtcNow();
        if (now < freshness.FreshUntil)
        {
            return value;
        }
        // Stale: exactly one caller at a time gets a miss and renders the successor.
        return freshness.TryClaimRefresh(now) ? null : value;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await inner.SetAsync(key, value, tags, validFor + StaleWindow, cancellationToken);
        _freshness[key] = new Freshness(now + validFor);
        if (_freshness.Count > SweepThreshold)
        {
            Sweep(now);
        }
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, freshness) in _freshness)
        {
            if (freshness.FreshUntil + StaleWindow < now)
            {
                _freshness.TryRemove(key, out _);
            }
        }
    }

    private sealed class Freshness(DateTimeOffset freshUntil)
    {
        private long _refreshClaimedTicks = long.MinValue;

        public DateTimeOffset FreshUntil { get; } = freshUntil;

        public bool TryClaimRefresh(DateTimeOffset now)
        {
            var claimed = Interlocked.Read(ref _refreshClaimedTicks);
            if (claimed != long.MinValue && now.UtcTicks - claimed < RefreshTimeout.Ticks)
            {
                return false;
            }
            return Interlocked.CompareExchange(ref _refreshClaimedTicks, now.UtcTicks, claimed) == claimed;
        }
    }
}
