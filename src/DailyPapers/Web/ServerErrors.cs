using System.Globalization;
using DailyPapers.Api;
using DailyPapers.Data;

namespace DailyPapers.Web;

/// <summary>
/// What a request that failed with an exception answers, for pages and API alike. A database that
/// does not answer (<see cref="DatabaseOutage"/>) is a 503 with <c>Retry-After</c>: nothing was
/// written (every write is one transaction), and the same request works once the database is back,
/// without restarting the node (the connection pools open new connections by themselves). Anything
/// else is a 500 page that says nothing of why; the exception is in the log. In Development other
/// errors go on to the framework's exception page.
/// </summary>
public static partial class ServerErrors
{
    public static IApplicationBuilder UseServerErrors(this IApplicationBuilder app, IHostEnvironment environment)
    {
        var showDeveloperPage = environment.IsDevelopment();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerErrors));
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                && (DatabaseOutage.IsOutage(exception) || !showDeveloperPage))
            {
                await WriteAsync(context, exception, logger);
            }
        });
    }

    /// <summary>Marks the response as "database unavailable, retry later"; the API's endpoint filter answers the same way.</summary>
    public static void MarkUnavailable(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
    }

    private static async Task WriteAsync(HttpContext context, Exception exception, ILogger logger)
    {
        var outage = DatabaseOutage.IsOutage(exception);
        context.Response.Clear();
        context.SetEndpoint(null);
        if (outage)
        {
            LogOutage(logger, context.Request.Path, exception.GetBaseException().Message);
            MarkUnavailable(context.Response);
        }
        else
        {
            LogFailure(logger, exception, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        if (context.Request.Path.StartsWithSegments(ApiSetup.Prefix))
        {
            await (outage ? ApiProblems.Unavailable() : ApiProblems.ServerError()).ExecuteAsync(context);
            return;
        }
        var page = outage
            ? ErrorPages.Page(StatusCodes.Status503ServiceUnavailable, "Back in a moment",
                $"The site cannot reach its database right now. Nothing you sent was saved; please try again in {DatabaseOutage.RetryAfterSeconds} seconds.")
            : ErrorPages.Page(StatusCodes.Status500InternalServerError, "Something went wrong",
                "The page could not be shown because of an error on the server. It has been logged; please try again later.");
        await page.ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} answered 503: the database is unavailable ({Reason})")]
    private static partial void LogOutage(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}
