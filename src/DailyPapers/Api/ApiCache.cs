using DailyPapers.Web;

namespace DailyPapers.Api;

/// <summary>
/// Output caching for the public read API and the Atom feeds, with the same freshness bound as the
/// pages (<see cref="PageCache.Duration"/>) and the framework's default rules (anonymous GET/HEAD,
/// 200 responses only). Every parameter the endpoints read is part of the key; others are ignored
/// so junk parameters cannot fill the cache.
/// </summary>
public static class ApiCache
{
    public const string Policy = "api";

    public static IHostApplicationBuilder AddApiCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(options => options.AddPolicy(Policy, policy => policy
            .Expire(PageCache.Duration)
            .SetVaryByQuery(["date", "week", "month", "submitter", "sort", "p", "limit", "cursor", .. Feed.TopicFilter.QueryKeys])
            .Tag(PageCache.Tag)));
        return builder;
    }
}
