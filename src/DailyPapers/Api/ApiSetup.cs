using Microsoft.OpenApi;

namespace DailyPapers.Api;

public static class ApiSetup
{
    /// <summary>Where every JSON API endpoint lives.</summary>
    public const string Prefix = "/api";

    /// <summary>
    /// The one route group of the JSON API. Every API module maps onto it (<c>MapPapersApi(this
    /// RouteGroupBuilder api)</c>), so policy that concerns the whole API (authentication, rate
    /// limits) is one line here. The group answers an unhandled error with problem details, as
    /// every other API error is, and caches under <see cref="ApiCache.Policy"/> unless an endpoint
    /// or a module's group names its own policy (the most specific one wins).
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .WithMetadata(ApiEndpoint.Marker)
            .CacheOutput(ApiCache.Policy)
            .AddEndpointFilter(ApiErrors.AsProblemDetails);
        return api;
    }

    /// <summary>
    /// The OpenAPI document (served at <c>/openapi/v1.json</c> by <c>MapOpenApi</c>). The paging
    /// cursors are sealed by Data Protection, set up with the shared key ring in the web shell.
    /// </summary>
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.AddApiCache();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "DailyPapers API",
                Version = "v1",
                Description =
                    "A Hugging Face-compatible API for the daily papers feed and the paper catalog: the same paths, " +
                    "parameters and field names as Hugging Face's public papers API, plus totals and paging links in response headers " +
                    "(X-Total-Count, Link) so array bodies stay as existing clients expect. Errors are RFC 9457 problem details. " +
                    "publishedAt is always the arXiv publication time of a paper's first version, as a field and as a sort " +
                    "(sort=publishedAt); the time a paper reached the daily feed is submittedOnDailyAt, and sort=newest orders by it.",
            };
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, _, _) =>
        {
            // The web JSON defaults also read numbers written as strings, so the generator types every
            // number "integer or string" with a digits pattern; responses only ever carry numbers.
            if (schema.Type is { } type && (type & JsonSchemaType.String) != 0
                && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
            {
                schema.Type = type & ~JsonSchemaType.String;
                schema.Pattern = null;
            }
            return Task.CompletedTask;
        }));
        return builder;
    }
}
