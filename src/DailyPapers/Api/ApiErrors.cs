namespace DailyPapers.Api;

/// <summary>
/// An API handler that fails answers 500 as problem details, as every other API error does (503
/// with Retry-After when the database does not answer);
/// without this, a client got an empty 500 body (the status code pages never see a response an
/// exception broke off). The exception is logged with the request path.
/// </summary>
public static partial class ApiErrors
{
    public static async ValueTask<object?> AsProblemDetails(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrors));
            if (Data.DatabaseOutage.IsOutage(exception))
            {
                // The database is down or restarting: the client may retry, and nothing was written.
                LogOutage(logger, http.Request.Path, exception.GetBaseException().Message);
                Web.ServerErrors.MarkUnavailable(http.Response);
                return ApiProblems.Unavailable();
            }
            LogFailure(logger, exception, http.Request.Path);
            return ApiProblems.ServerError();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API request {Path} answered 503: the database is unavailable ({Reason})")]
    private static partial void LogOutage(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}
