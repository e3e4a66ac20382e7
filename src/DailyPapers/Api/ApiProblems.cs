using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Api;

/// <summary>The API's error answers: RFC 9457 problem details that name what was wrong and what was expected.</summary>
public static class ApiProblems
{
    /// <summary>400 for a query or route value that does not parse; <c>parameter</c> names it for clients.</summary>
    public static ProblemHttpResult InvalidParameter(string parameter, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid parameter '{parameter}'",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult InvalidParameter(ParameterError error) => InvalidParameter(error.Parameter, error.Message);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>500 for a request that failed on our side; says nothing of why, which is in the log.</summary>
    public static ProblemHttpResult ServerError() =>
        TypedResults.Problem(
            detail: "The request could not be completed because of an error on the server. It has been logged; try again later.",
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Server error");

    /// <summary>503 while the database does not answer; the caller sets <c>Retry-After</c> (<see cref="Web.ServerErrors.MarkUnavailable"/>).</summary>
    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(
            detail: $"The database cannot be reached right now; nothing was changed. Try again in {Data.DatabaseOutage.RetryAfterSeconds} seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Service unavailable");
}

/// <summary>Why a request parameter was rejected.</summary>
public sealed record ParameterError(string Parameter, string Message);
