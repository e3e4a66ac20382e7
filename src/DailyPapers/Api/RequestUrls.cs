using Microsoft.AspNetCore.Http.Extensions;

namespace DailyPapers.Api;

/// <summary>
/// Absolute URLs built from the request's scheme, host and path base, for links in headers and feeds.
/// With <c>Site:BaseUrl</c> set those are the configured ones (<see cref="Web.PublicBaseUrl"/>).
/// </summary>
public static class RequestUrls
{
    /// <summary>The absolute URL of this request with the given query parameters set and the others kept.</summary>
    public static string WithQuery(HttpRequest request, params IEnumerable<(string Name, string Value)> set)
    {
        var replaced = set.ToList();
        var query = request.Query
            .Where(pair => !replaced.Any(r => string.Equals(r.Name, pair.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(pair => pair.Value.Select(v => KeyValuePair.Create(pair.Key, v)))
            .Concat(replaced.Select(r => KeyValuePair.Create(r.Name, (string?)r.Value)));
        return UriHelper.BuildAbsolute(
            request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }

    /// <summary>An absolute URL for a site path, from the request's scheme and host.</summary>
    public static string Absolute(HttpRequest request, string path) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path);
}
