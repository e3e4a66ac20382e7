using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace DailyPapers.Web;

/// <summary>
/// Antiforgery tokens on pages that are output-cached. A token belongs to one visitor (it pairs
/// with their antiforgery cookie), so a shared cached page cannot contain one. Pages render
/// <see cref="Marker"/> where a form's token goes (the <c>FormToken</c> component); the cache keeps
/// the page with the marker, and <see cref="FormTokenMiddleware"/>, which runs outside the cache,
/// puts each visitor's own token in on the way out (the "substitute a beacon" idea from ESI).
/// </summary>
public static class FormTokens
{
    /// <summary>
    /// An HTML comment: Razor encodes every piece of user text, so page content can never produce
    /// it, and where the middleware did not run the form simply has no token and fails closed.
    /// </summary>
    public const string Marker = "<!--dailypapers:form-token-->";

    internal static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(Marker);

    private static readonly object CookieAddedKey = new();

    /// <summary>
    /// True when the only cookie on the response is the antiforgery cookie set after the body
    /// began, that is after the output cache took its copy of the headers.
    /// </summary>
    public static bool OnlyCookieIsOutsideCache(HttpContext context) => context.Items.ContainsKey(CookieAddedKey);

    internal static void MarkCookieAddedOutsideCache(HttpContext context) => context.Items[CookieAddedKey] = true;

    public static IApplicationBuilder UseFormTokens(this IApplicationBuilder app) => app.UseMiddleware<FormTokenMiddleware>();
}

/// <summary>Fills in <see cref="FormTokens.Marker"/> with the visitor's token in every HTML response.</summary>
public sealed class FormTokenMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The JSON API has no forms; keep its responses off this path.
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        var filler = new MarkerReplacingStream(original, FormTokens.MarkerBytes, () => TokenInput(context));
        context.Response.Body = filler;
        try
        {
            await next(context);
            await filler.FinishAsync(context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>
    /// Runs just before the first body byte, after the output cache has taken its copy of the
    /// headers, so the antiforgery cookie and no-store headers set here reach only this visitor.
    /// </summary>
    private byte[]? TokenInput(HttpContext context)
    {
        if (context.Response.HasStarted
            || context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }
        var hadCookies = context.Response.Headers.SetCookie.Count > 0;
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (!hadCookies && context.Response.Headers.SetCookie.Count > 0)
        {
            FormTokens.MarkCookieAddedOutsideCache(context);
        }
        // A cached copy's Content-Length counted the marker, not the token.
        context.Response.ContentLength = null;
        var encoder = HtmlEncoder.Default;
        return Encoding.UTF8.GetBytes(
            $"<input type=\"hidden\" name=\"{encoder.Encode(tokens.FormFieldName)}\" value=\"{encoder.Encode(tokens.RequestToken ?? "")}\">");
    }
}
