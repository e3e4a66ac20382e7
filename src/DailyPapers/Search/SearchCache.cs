using DailyPapers.Web;
using Microsoft.AspNetCore.OutputCaching;

namespace DailyPapers.Search;

/// <summary>
/// Output caching for the search surfaces: the pages' rules (<see cref="PageCachePolicy"/>) or the
/// API's freshness bound, varied by every search parameter. A search costs a query embedding (tens to
/// hundreds of milliseconds on a busy CPU) while a shared link, a reload or a feed reader repeats the
/// same URL, so the same 10-second cache as the rest of the site pays off; unique queries only add
/// entries, which the cache's size limit evicts.
/// </summary>
public static class SearchCache
{
    public static void Pages(OutputCachePolicyBuilder policy) =>
        policy.AddPolicy<PageCachePolicy>().SetVaryByQuery(SearchParameters.QueryKeys);

    public static void Api(OutputCachePolicyBuilder policy) =>
        policy.Expire(PageCache.Duration).SetVaryByQuery(SearchParameters.QueryKeys).Tag(PageCache.Tag);

    /// <summary>
    /// A keyword-only answer given because the query embedding was late is not kept: the next request
    /// for the same URL should get the full hybrid ranking, not 10 seconds of the fallback. Nor is an
    /// answer from an index still catching up with the catalog, or while papers still wait for their embedding.
    /// </summary>
    public static void SkipIfDegraded(HttpContext http, SearchResult result)
    {
        if ((result.Reason is not null || result.PapersNotYetIndexed > 0 || result.PapersNotYetEmbedded > 0) && http.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.AllowCacheStorage = false;
        }
    }
}
