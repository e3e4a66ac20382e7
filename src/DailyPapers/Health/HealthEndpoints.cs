using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace DailyPapers.Health;

/// <summary>
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (it should get traffic: database, search
/// indexes built and within the allowed lag) and <c>/metrics</c> (Prometheus text: request rates and
/// latencies per route, and the app's own <see cref="SiteMetrics"/>), for load balancers and monitoring.
/// </summary>
public static class HealthEndpoints
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().Bind(builder.Configuration.GetSection(HealthOptions.Section))
            .ValidateDataAnnotations()
            .Validate(options => options.MetricsNetworks.TrueForAll(network => System.Net.IPNetwork.TryParse(network, out _)),
                "Health:MetricsNetworks must hold networks in CIDR form, such as 10.0.0.0/24.")
            .ValidateOnStart();
        builder.Services.AddSingleton<HealthMonitor>();
        SiteMetrics.EnsureCreated();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(SiteMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", ShowReadiness).ExcludeFromDescription();
        var allowed = app.Services.GetRequiredService<IOptions<HealthOptions>>().Value.MetricsNetworks.Select(System.Net.IPNetwork.Parse).ToList();
        // The exporter's endpoint takes no filters; this guard runs before it, and refreshes the
        // snapshot the gauges read, so the scrape itself stays synchronous and cheap.
        app.UseWhen(context => context.Request.Path == MetricsPath, branch => branch.Use(async (context, next) =>
        {
            if (!MayReadMetrics(context, allowed))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Metrics are for monitoring on this machine or Health:MetricsNetworks.", context.RequestAborted);
                return;
            }
            await context.RequestServices.GetRequiredService<HealthMonitor>().CurrentAsync(TimeSpan.FromSeconds(5), countBacklog: true, context.RequestAborted);
            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Loopback or a configured network, and not forwarded by a proxy the site does not trust: a
    /// reverse proxy on the same machine connects from loopback, and without that second rule it
    /// would hand the metrics to anyone on the internet.
    /// </summary>
    private static bool MayReadMetrics(HttpContext context, List<System.Net.IPNetwork> allowed)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPAddress.IsLoopback(address) || allowed.Any(network => network.Contains(address));
    }

    private static async Task<IResult> ShowReadiness(HealthMonitor monitor, IOptions<HealthOptions> options, CancellationToken cancellationToken)
    {
        var snapshot = await monitor.CurrentAsync(TimeSpan.FromSeconds(1), countBacklog: false, cancellationToken);
        var checks = Readiness.Evaluate(snapshot, options.Value);
        var ready = Readiness.AllPassed(checks);
        var body = new StringBuilder(ready ? "ready\n" : "not ready\n");
        foreach (var check in checks)
        {
            body.Append(check.Name).Append(": ").Append(check.Passed ? "ok, " : "FAILED, ").Append(check.Detail).Append('\n');
        }
        return TypedResults.Text(body.ToString(), "text/plain; charset=utf-8", Encoding.UTF8,
            ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
