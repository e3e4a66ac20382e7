using System.Net;
using System.Text.Json;
using DailyPapers.Api;
using DailyPapers.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Api;

public sealed class ApiGroupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An API route mapped beside the group would escape whatever policy the group carries (sign-in, rate limits).</summary>
    [Fact]
    public async Task EveryApiRouteIsMappedOnTheApiGroup()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && ("/" + raw.TrimStart('/')).StartsWith(ApiSetup.Prefix + "/", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(routes, e => e.RoutePattern.RawText == "/api/daily_papers");
        Assert.Contains(routes, e => e.RoutePattern.RawText == "/api/papers/search");
        Assert.Contains(routes, e => e.RoutePattern.RawText == "/api/papers/{arxivId}/similar");
        Assert.All(routes, e => Assert.True(e.Metadata.GetMetadata<ApiEndpoint>() is not null, $"{e.RoutePattern.RawText} is not on the /api group"));
    }

    [Fact]
    public async Task AFailingApiHandlerAnswersProblemDetails()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.AddApiCache();
        await using var host = builder.Build();
        host.UseOutputCache();
        host.MapApiGroup().MapGet("/fails", IResult () => throw new InvalidOperationException("broken on purpose"));
        await host.StartAsync(Ct);

        using var response = await host.GetTestClient().GetAsync(new Uri("/api/fails", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(500, body.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("broken on purpose", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
