namespace DailyPapers.Web;

/// <summary>What every page and endpoint shares: security headers, the key ring, error pages, static files.</summary>
public static class WebShell
{
    public static IHostApplicationBuilder AddWebShell(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Pages are Razor components rendered on the server (static SSR) by minimal-API handlers.
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.AddSharedKeyRing();
        builder.AddPageCache();
        builder.AddSiteOptions();
        return builder;
    }

    public static WebApplication UseWebShell(this WebApplication app)
    {
        // Before everything that reads the client's address or scheme (rate limits, HSTS, cookies, Site:BaseUrl).
        app.UseTrustedForwardedHeaders(app.Configuration);
        // Then these, so that the status code pages and static files carry the headers and see the public URL.
        app.UseSecurityHeaders(app.Environment);
        app.UsePublicBaseUrl();
        // Around everything that may touch the database (authentication checks the security stamp on every request).
        app.UseServerErrors(app.Environment);
        app.UseStatusCodePages(ErrorPages.WriteStatusPageAsync);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = SiteAssets.Files, OnPrepareResponse = SiteAssets.MarkImmutable });
        return app;
    }
}
