using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DailyPapers.Web;

/// <summary>
/// Which reverse proxies may tell the site who the client is (<c>X-Forwarded-For</c>) and what it
/// asked for (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c>). Bound from
/// <c>Site:ForwardedHeaders</c>. Nobody is trusted by default: the headers are then ignored, so a
/// client talking to the node directly cannot choose the address the rate limits count or the
/// host the site's absolute URLs name.
/// </summary>
public sealed class TrustedProxies
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>; an entry may list several, separated by commas.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>; an entry may list several, separated by commas.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// How many proxies' entries to read from the right of <c>X-Forwarded-For</c>: 1 for one nginx in
    /// front. More only when a chain of proxies, each of them trusted, forwards the request.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAny => Addresses().Any() || Networks().Any();

    public IEnumerable<string> Addresses() => Split(KnownProxies);

    public IEnumerable<string> Networks() => Split(KnownNetworks);

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem()
    {
        if (Addresses().FirstOrDefault(text => !IPAddress.TryParse(text, out _)) is { } address)
        {
            return $"{SiteOptions.Section}:ForwardedHeaders:KnownProxies holds '{address}', which is not an IP address.";
        }
        if (Networks().FirstOrDefault(text => !System.Net.IPNetwork.TryParse(text, out _)) is { } network)
        {
            return $"{SiteOptions.Section}:ForwardedHeaders:KnownNetworks holds '{network}', which is not a network such as 10.0.0.0/24.";
        }
        return ForwardLimit < 1 ? $"{SiteOptions.Section}:ForwardedHeaders:ForwardLimit must be at least 1; it is {ForwardLimit}." : null;
    }

    /// <summary>
    /// The framework's options for these proxies. Its defaults (trust loopback) are cleared, so only
    /// what the operator listed is trusted. A forwarded host must also pass <c>AllowedHosts</c>,
    /// which otherwise sees only the Host header the proxy sent.
    /// </summary>
    public ForwardedHeadersOptions ToMiddlewareOptions(string? allowedHosts)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in Addresses())
        {
            options.KnownProxies.Add(IPAddress.Parse(address));
        }
        foreach (var network in Networks())
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
        var hosts = (allowedHosts ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!hosts.Contains("*"))
        {
            foreach (var host in hosts)
            {
                options.AllowedHosts.Add(host);
            }
        }
        return options;
    }

    private static IEnumerable<string> Split(IEnumerable<string> entries) =>
        entries.SelectMany(entry => entry.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Reads the forwarded headers of trusted proxies into the request (client address, scheme,
    /// host). First in the pipeline, so the rate limits, the HTTPS checks (HSTS, secure cookies) and
    /// <see cref="PublicBaseUrl"/> all see the client's request; <c>Site:BaseUrl</c>, when set,
    /// still replaces scheme and host afterwards.
    /// </summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value.ForwardedHeaders;
        return proxies.TrustsAny ? app.UseForwardedHeaders(proxies.ToMiddlewareOptions(configuration["AllowedHosts"])) : app;
    }
}
