using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) that stands in for a remote site (arXiv, Hugging
/// Face): it answers each request with the response recorded for its path and query, and keeps
/// every request it saw so tests can check what the app asked for.
/// </summary>
/// <example><code>
/// await using var server = await ReplayServer.StartAsync();
/// server.On("/oai2", "verb=ListRecords&amp;from=2024-03-01").RespondFile("arxiv-oai/page1.xml");
/// server.On("/oai2", "resumptionToken=abc").Respond(503, "busy", headers: new() { ["Retry-After"] = "10" }).RespondFile("arxiv-oai/page2.xml");
/// </code></example>
public sealed class ReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReplayRoute> _routes = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ReplayServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request received, in arrival order, including those nothing was recorded for.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>An absolute URL on this server, as a string for configuration.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString().TrimEnd('/');

    public static async Task<ReplayServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ReplayServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new ReplayServer(app, new Uri(address + "/"));
        return server;
    }

    /// <summary>
    /// Declares what <paramref name="path"/> answers when the request's query holds every
    /// parameter of <paramref name="query"/> (others may be present). When several routes match, the
    /// one declared last wins, so a test can override part of a shared setup.
    /// </summary>
    public ReplayRoute On(string path, string? query = null)
    {
        var route = new ReplayRoute(path, QueryString.Parse(query ?? ""));
        lock (_routes)
        {
            _routes.Add(route);
        }
        return route;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", query,
            request.Headers.UserAgent.ToString()));
        ReplayRoute? route;
        lock (_routes)
        {
            route = _routes.LastOrDefault(candidate => candidate.Matches(request.Path.Value ?? "", query));
        }
        if (route is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"Nothing recorded for {request.Method} {request.Path}{request.QueryString}", context.RequestAborted);
            return;
        }
        await route.Next()(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static class QueryString
    {
        public static Dictionary<string, string> Parse(string query) =>
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
                .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
    }
}

/// <summary>A request the replay server received. <see cref="QueryValues"/> are decoded.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> QueryValues, string UserAgent)
{
    public string? this[string name] => QueryValues.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// The responses one path and query gives, in order: each request takes the next, and the last
/// one repeats (so a single response answers every time).
/// </summary>
public sealed class ReplayRoute
{
    private readonly string _path;
    private readonly Queue<Func<HttpContext, Task>> _responses = new();
    private Func<HttpContext, Task>? _last;

    internal ReplayRoute(string path, Dictionary<string, string> query)
    {
        _path = path;
        Query = query;
    }

    private Dictionary<string, string> Query { get; }

    internal bool Matches(string path, Dictionary<string, string> query) =>
        string.Equals(path, _path, StringComparison.Ordinal)
        && Query.All(pair => query.TryGetValue(pair.Key, out var value) && value == pair.Value);

    internal Func<HttpContext, Task> Next()
    {
        lock (_responses)
        {
            if (_responses.TryDequeue(out var next))
            {
                _last = next;
            }
            return _last ?? throw new InvalidOperationException($"Route {_path} has no response.");
        }
    }

    /// <summary>Answers with a body from <c>Fixtures/</c>.</summary>
    public ReplayRoute RespondFile(string fixture, string contentType = "text/xml; charset=utf-8", int status = 200,
        Dictionary<string, string>? headers = null) =>
        Respond(status, Fixtures.Bytes(fixture), contentType, headers);

    public ReplayRoute Respond(int status, string body, string contentType = "text/html", Dictionary<string, string>? headers = null) =>
        Respond(status, System.Text.Encoding.UTF8.GetBytes(body), contentType, headers);

    public ReplayRoute Respond(int status, byte[] body, string contentType, Dictionary<string, string>? headers = null) =>
        Respond(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers ?? [])
            {
                context.Response.Headers[name] = value;
            }
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

    /// <summary>Answers by running <paramref name="handler"/>, for behaviour a recording cannot show.</summary>
    public ReplayRoute Respond(Func<HttpContext, Task> handler)
    {
        lock (_responses)
        {
            _responses.Enqueue(handler);
        }
        return this;
    }
}
