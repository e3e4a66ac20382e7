namespace DailyPapers.Web;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every response: pages, API, feeds, static files,
/// error pages. Without it a browser may sniff a JSON or Atom body that echoes request text as
/// HTML and run script in it. Set when the response starts, so it survives a handler or error
/// page that clears the headers, and is added to responses served from the output cache too.
/// </summary>
public static class NoSniff
{
    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        context.Response.OnStarting(SetHeader, context.Response);
        return next(context);
    });

    private static Task SetHeader(object state)
    {
        ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
        return Task.CompletedTask;
    }
}
