using System.Diagnostics;
using System.Globalization;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Every route the app maps, with every parameter (route values, the query names its OpenAPI
/// document and handlers read, and common ones), sent every hostile value, plus seeded random
/// mixes. No answer is a 5xx, and no HTML or Atom body carries a reflected marker unescaped.
/// </summary>
public sealed class RequestFuzzTests
{
    /// <summary>Fixed, so a failure repeats; <c>DAILYPAPERS_FUZZ_SEED</c> tries another.</summary>
    private const int DefaultSeed = 20240301;

    /// <summary>Requests per route drawn at random beyond the one-parameter-at-a-time sweep: several hostile parameters at once.</summary>
    private const int MixedRequestsPerRoute = 40;

    /// <summary>Values per common parameter that a route does not read: it must ignore them, which a few show.</summary>
    private const int UnreadSamples = 6;

    /// <summary>Counted apart from the statuses: refused by the server before the app saw it.</summary>
    private const int Refused = -1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoRouteAnswersHostileInputWithA5xxOrReflectsItUnescaped(Lane lane)
    {
        await using var app = await FuzzCatalog.CreateAsync(lane);
        var client = app.CreateClient();
        var routes = await FuzzRoutes.DiscoverAsync(app, client);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DAILYPAPERS_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var random = new Random(seed);
        var log = TestContext.Current.TestOutputHelper!;
        log.WriteLine($"seed {seed}, {routes.Count} routes, {RequestValues.All.Length} hostile values");

        List<(string Problem, string Request)> failures = [];
        var total = 0;
        var clock = Stopwatch.StartNew();
        foreach (var route in routes)
        {
            var statuses = new SortedDictionary<int, int>();
            foreach (var request in Requests(route, random))
            {
                var failure = await SendAsync(client, request);
                statuses[failure.Status] = statuses.GetValueOrDefault(failure.Status) + 1;
                if (failure.Problem is not null)
                {
                    failures.Add((failure.Problem, $"{request.Method} {FuzzResponses.Shorten(request.Url)} [{request.Values}]"));
                }
            }
            var count = statuses.Values.Sum();
            total += count;
            log.WriteLine($"{route.Name}: {count} requests ({string.Join(", ", statuses.Select(s => $"{(s.Key == Refused ? "refused" : s.Key)}: {s.Value}"))})");
        }
        log.WriteLine($"{total} requests in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(failures.Count == 0, $"{failures.Count} of {total} requests failed (seed {seed}); each kind of failure with its first request:\n"
            + string.Join('\n', failures.GroupBy(f => f.Problem).Select(g => $"{g.Count()} × {g.Key}\n    first: {g.First().Request}")));
    }

    private sealed record FuzzRequest(string Method, string Url, string Values);

    /// <summary>
    /// Each parameter the route reads alone with each value (the others good), each common parameter
    /// it does not read with <see cref="UnreadSamples"/> random values, then
    /// <see cref="MixedRequestsPerRoute"/> requests that give two to four parameters random values at once.
    /// </summary>
    private static IEnumerable<FuzzRequest> Requests(FuzzRoute route, Random random)
    {
        var read = route.RouteParameters.Select(p => p.Name).Concat(route.QueryNames).ToList();
        foreach (var name in read)
        {
            foreach (var value in RequestValues.All)
            {
                yield return Build(route, new Dictionary<string, RequestValue> { [name] = value }, random);
            }
        }
        foreach (var name in route.UnreadQueryNames)
        {
            for (var i = 0; i < UnreadSamples; i++)
            {
                yield return Build(route, new Dictionary<string, RequestValue> { [name] = Pick(random) }, random);
            }
        }
        var all = read.Concat(route.UnreadQueryNames).ToList();
        for (var i = 0; i < MixedRequestsPerRoute; i++)
        {
            var chosen = all.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).ToDictionary(name => name, _ => Pick(random));
            yield return Build(route, chosen, random);
        }
    }

    private static RequestValue Pick(Random random) => RequestValues.All[random.Next(RequestValues.All.Length)];

    private static FuzzRequest Build(FuzzRoute route, Dictionary<string, RequestValue> values, Random random)
    {
        var query = string.Join('&', values.Where(v => route.IsQueryName(v.Key)).Select(v => v.Key + "=" + v.Value.Encoded));
        var url = route.Path(values) + (query.Length > 0 ? "?" + query : "");
        // A quarter of the page requests ask with HEAD, as link checkers do.
        var method = route.AllowsHead && random.Next(4) == 0 ? "HEAD" : route.Method;
        return new FuzzRequest(method, url, string.Join(", ", values.Select(v => $"{v.Key}={v.Value.Name}")));
    }

    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, FuzzRequest fuzz)
    {
        if (Uri.UnescapeDataString(fuzz.Url.Split('?')[0]).Contains('\0', StringComparison.Ordinal))
        {
            // Kestrel's URL decoder answers a NUL in the path with 400 before the app runs; the test
            // host's throws an exception of its own instead, which says nothing about the app.
            return (Refused, null);
        }
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Url);
        return await FuzzResponses.SendAsync(client, request, Ct);
    }
}
