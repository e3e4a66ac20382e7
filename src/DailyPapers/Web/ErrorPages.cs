using DailyPapers.Web.Views;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Web;

/// <summary>The site's HTML error pages: what went wrong and what was expected, inside the normal layout.</summary>
public static class ErrorPages
{
    public static RazorComponentResult<ErrorPage> BadRequest(string message) =>
        Page(StatusCodes.Status400BadRequest, "That address doesn't look right", message);

    /// <summary>A 404 page; <paramref name="link"/> is an optional way out that fits the error (e.g. the paper on arXiv).</summary>
    /// <param name="title">Short heading.</param>
    /// <param name="message">What is missing and what was expected.</param>
    /// <param name="link">Its address and text.</param>
    public static RazorComponentResult<ErrorPage> NotFound(string title, string message, (string Url, string Text)? link = null) =>
        Page(StatusCodes.Status404NotFound, title, message, link);

    public static RazorComponentResult<ErrorPage> Page(int statusCode, string title, string message, (string Url, string Text)? link = null) =>
        new(new Dictionary<string, object?>
        {
            [nameof(ErrorPage.StatusCode)] = statusCode,
            [nameof(ErrorPage.Heading)] = title,
            [nameof(ErrorPage.Message)] = message,
            [nameof(ErrorPage.Link)] = link?.Url,
            [nameof(ErrorPage.LinkText)] = link?.Text,
        })
        { StatusCode = statusCode };

    /// <summary>
    /// For error statuses that carry no body (an unknown address, a wrong method): an HTML page for
    /// browsers, ProblemDetails for the API and for clients that do not ask for HTML.
    /// </summary>
    public static async Task WriteStatusPageAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (WantsHtml(http.Request))
        {
            var (title, message) = status switch
            {
                StatusCodes.Status404NotFound => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
                StatusCodes.Status405MethodNotAllowed => ("Not allowed here", "This address does not accept that kind of request."),
                _ => ("Something went wrong", $"The request could not be completed (HTTP {status})."),
            };
            await Page(status, title, message).ExecuteAsync(http);
            return;
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } }))
        {
            await TypedResults.Text($"HTTP {status}").ExecuteAsync(http);
        }
    }

    private static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
