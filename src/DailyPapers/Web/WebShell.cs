namespace DailyPapers.Web;

/// <summary>What every page and endpoint shares: error pages, static files, health.</summary>
public static class WebShell
{
    public static IHostApplicationBuilder AddWebShell(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseWebShell(this WebApplication app)
    {
        app.UseStatusCodePages();
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        return app;
    }
}
