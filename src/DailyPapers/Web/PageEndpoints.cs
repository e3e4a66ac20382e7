namespace DailyPapers.Web;

/// <summary>How every HTML page is mapped: GET and HEAD, left out of the API description, output-cached.</summary>
public static class PageEndpoints
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteGroupBuilder MapPageGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("").ExcludeFromDescription().CacheOutput(PageCache.Policy);

    /// <summary>Link checkers and uptime monitors ask with HEAD; Kestrel sends the headers without the body.</summary>
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder pages, string pattern, Delegate handler) =>
        pages.MapMethods(pattern, GetOrHead, handler);
}
