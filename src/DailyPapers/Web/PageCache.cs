using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace DailyPapers.Web;

/// <summary>
/// Output caching for the HTML pages (and, with their own policies, the API and feeds). A cached
/// page is fresh for <see cref="Duration"/>; after that one request renders its successor while the
/// others still get the old copy (<see cref="StaleWhileRevalidateStore"/>), so a paper imported or
/// harvested by any process or node shows up on every node within about that bound, without any
/// cross-process signal. Writers in the serving process may evict <see cref="Tag"/> for immediate
/// effect. At a few thousand requests a second even this short lifetime serves almost every
/// request from memory.
/// </summary>
public static class PageCache
{
    public const string Policy = "pages";
    public const string Tag = "pages";
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static IHostApplicationBuilder AddPageCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(options =>
        {
            // Author names differ by case alone ("Jun Li", "JUN LI"): their pages must not share an entry.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(Policy, PageCachePolicy.Instance);
        });
        ServeStaleWhileRevalidating(builder.Services);
        return builder;
    }

    /// <summary>Wraps the framework's cache storage (registered once, by the first AddOutputCache) in <see cref="StaleWhileRevalidateStore"/>.</summary>
    private static void ServeStaleWhileRevalidating(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(original);
        services.AddSingleton<IOutputCacheStore>(provider => new StaleWhileRevalidateStore(
            (IOutputCacheStore)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!)),
            provider.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Must come after authentication once there is any, so signed-in requests are recognized.</summary>
    public static WebApplication UsePageCache(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }
}

/// <summary>
/// The framework's default rules: anonymous GET/HEAD only, only 200 responses, none that set
/// cookies. A cached page is the same bytes for every anonymous visitor, so it holds nothing per
/// visitor, not even an antiforgery token: a POST form on a cached page (the subscribe box) carries
/// none, and its endpoint answers with an uncached form of its own that does (see "Subscribing" in
/// the architecture notes). Signed-in visitors are
/// never served from or stored in the cache.
/// </summary>
internal sealed class PageCachePolicy : IOutputCachePolicy
{
    public static readonly PageCachePolicy Instance = new();

    /// <summary>Only the query keys the pages read take part in the key, so junk parameters cannot fill the cache.</summary>
    private static readonly StringValues QueryKeys = new(["sort", "p"]);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && StringValues.IsNullOrEmpty(http.Request.Headers.Authorization)
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = PageCache.Duration;
        context.CacheVaryByRules.QueryKeys = QueryKeys;
        context.Tags.Add(PageCache.Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (http.Response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(http.Response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
