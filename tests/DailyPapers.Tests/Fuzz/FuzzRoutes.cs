using System.Text.Json;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// One address to fuzz: its route pattern (or a static file's path), how it may be asked, the query
/// names it reads (documented or bound by its handler) and the common ones it does not read.
/// </summary>
public sealed record FuzzRoute(
    string Name, string Method, bool AllowsHead, RoutePattern? Pattern, string? FixedPath, IReadOnlyList<string> QueryNames, IReadOnlyList<string> UnreadQueryNames)
{
    public IEnumerable<RoutePatternParameterPart> RouteParameters => Pattern?.Parameters ?? [];

    public bool IsQueryName(string name) => QueryNames.Contains(name) || UnreadQueryNames.Contains(name);

    /// <summary>The path with every route value from <paramref name="values"/>, or a good value where none is given.</summary>
    public string Path(IReadOnlyDictionary<string, RequestValue> values)
    {
        if (Pattern is null)
        {
            return FixedPath!;
        }
        var path = new System.Text.StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var value)
                        ? parameter.IsCatchAll ? value.InCatchAll : value.Encoded
                        : Uri.EscapeDataString(FuzzRoutes.GoodValue(parameter.Name)),
                    _ => throw new InvalidOperationException($"{Name}: unknown route part {part}"),
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}

/// <summary>
/// Every address the app serves, found from the app itself: the endpoints it mapped (pages, API,
/// feeds, anything added later), the query parameters its OpenAPI document and its handlers name,
/// and the static files. A new route is fuzzed without editing the tests.
/// </summary>
public static class FuzzRoutes
{
    /// <summary>Parameters tried on every route, whether or not it reads them: unread ones must be ignored.</summary>
    public static readonly string[] CommonQueryNames = ["q", "p", "limit", "from", "to", "cat", "sort", "date"];

    /// <summary>Values that address something in <see cref="FuzzCatalog"/>, for the route values not under attack.</summary>
    private static readonly Dictionary<string, string> GoodValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["arxivId"] = FuzzCatalog.PaperId,
        ["day"] = FuzzCatalog.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["week"] = "2024-W09",
        ["month"] = "2024-03",
        ["name"] = FuzzCatalog.Author,
        ["archive"] = "hep-th",
        ["number"] = "9901001",
        ["documentName"] = "v1",
    };

    public static string GoodValue(string parameter) => GoodValues.GetValueOrDefault(parameter, "1");

    public static async Task<List<FuzzRoute>> DiscoverAsync(AppFactory app, HttpClient client)
    {
        var documented = await OpenApiQueryNamesAsync(client);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        List<FuzzRoute> routes = [];
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            var template = OpenApiTemplate(endpoint.RoutePattern);
            var names = new SortedSet<string>(StringComparer.Ordinal);
            if (documented.TryGetValue(template, out var fromDocument))
            {
                matched.Add(template);
                names.UnionWith(fromDocument);
            }
            names.UnionWith(HandlerQueryNames(endpoint));
            names.ExceptWith(endpoint.RoutePattern.Parameters.Select(p => p.Name));
            var method = methods.Contains(HttpMethods.Get) ? HttpMethods.Get : methods[0];
            routes.Add(new FuzzRoute($"{method} {endpoint.RoutePattern.RawText}", method, methods.Contains(HttpMethods.Head),
                endpoint.RoutePattern, null, [.. names], [.. CommonQueryNames.Except(names)]));
        }
        // A documented path no endpoint explains means the discovery above lost track of the app.
        Assert.Empty(documented.Keys.Except(matched));
        foreach (var file in SiteAssets.Files.GetDirectoryContents("").Where(f => !f.IsDirectory))
        {
            routes.Add(new FuzzRoute("GET /" + file.Name, HttpMethods.Get, true, null, "/" + file.Name, ["v"], CommonQueryNames));
        }
        return routes;
    }

    /// <summary>OpenAPI path template → the query parameters it documents.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> OpenApiQueryNamesAsync(HttpClient client)
    {
        var (response, document) = await client.GetJsonAsync("/openapi/v1.json");
        Assert.True(response.IsSuccessStatusCode, $"/openapi/v1.json: {(int)response.StatusCode}");
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var names = result[path.Name] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object))
            {
                if (!operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    continue;
                }
                names.UnionWith(parameters.EnumerateArray()
                    .Where(p => p.GetProperty("in").GetString() == "query")
                    .Select(p => p.GetProperty("name").GetString()!));
            }
        }
        return result;
    }

    /// <summary>A route pattern as OpenAPI writes it: <c>/api/papers/{**arxivId}</c> is <c>/api/papers/{arxivId}</c>.</summary>
    private static string OpenApiTemplate(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>Handler parameters a query string can fill: text, numbers, arrays of text (services and the request itself are not).</summary>
    private static IEnumerable<string> HandlerQueryNames(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
            .Where(p => IsQueryShaped(p.ParameterInfo.ParameterType) || p.HasTryParse)
            .Select(p => p.Name);

    private static bool IsQueryShaped(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain == typeof(string) || plain == typeof(string[]) || plain.IsPrimitive || plain == typeof(DateOnly);
    }
}
