using System.Net.Http.Headers;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>
/// One browser: a cookie jar shared by its clients for every node, as a browser behind the proxy
/// sends the same cookies whichever node answers. Redirects are not followed, so tests see them.
/// </summary>
public sealed class Visitor : IDisposable
{
    private readonly Jar _jar = new() { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } };
    private readonly List<HttpClient> _clients = [];

    /// <summary>A client for <paramref name="node"/> (a node's own address, or the proxy's) that carries this visitor's cookies.</summary>
    public HttpClient On(Uri node)
    {
        var client = new HttpClient(_jar, disposeHandler: false) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        _clients.Add(client);
        return client;
    }

    public bool HasCookies => !_jar.Cookies.IsEmpty;

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _jar.Dispose();
    }

    /// <summary>Keeps cookies by name (all nodes are one site) and sends them back; enough for the site's session and antiforgery cookies.</summary>
    private sealed class Jar : DelegatingHandler
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Cookies { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Cookies.IsEmpty)
            {
                request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => c.Key + "=" + c.Value)));
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var header in setCookies)
                {
                    var pair = header.Split(';', 2)[0];
                    var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                    if (expired)
                    {
                        Cookies.TryRemove(name, out _);
                    }
                    else
                    {
                        Cookies[name] = value;
                    }
                }
            }
            return response;
        }
    }
}
