using Microsoft.Extensions.Options;

namespace DailyPapers.Web;

/// <summary>
/// With <see cref="SiteOptions.BaseUrl"/> set, every request is given the configured scheme, host and
/// path base before anything reads them, so every absolute URL (feeds, <c>Link</c> headers, API
/// bodies, the OpenAPI document's server) names the public site and never a Host header a client
/// chose; a feed cached from a spoofed request would otherwise hand that host to every reader.
/// Host filtering (<c>AllowedHosts</c>) runs before this and still sees the header as sent.
/// </summary>
public static class PublicBaseUrl
{
    public static IHostApplicationBuilder AddSiteOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        return builder;
    }

    public static IApplicationBuilder UsePublicBaseUrl(this IApplicationBuilder app)
    {
        // Reading the options validates them: a bad BaseUrl stops the app here, before it serves.
        var baseUrl = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl;
        if (baseUrl is null || !SiteOptions.TryParseBaseUrl(baseUrl, out var site, out _))
        {
            return app;
        }
        return app.Use((context, next) =>
        {
            var request = context.Request;
            request.Scheme = site.Scheme;
            request.Host = site.Host;
            request.PathBase = site.PathBase;
            return next(context);
        });
    }
}
