namespace DailyPapers.Web;

/// <summary>
/// The one way a handler reads a posted form. A body that is no form, or one the form reader
/// refuses (a NUL or another character it rejects, too many fields, a value over its limits), is
/// the client's mistake: the handler answers 400 with its own message instead of an exception
/// escaping as a 500.
/// </summary>
public static class PostedForm
{
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception refused) when (refused is InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the posted form carries a valid antiforgery token. A body the form reader refuses
    /// counts as no token (the framework's check would throw on it).
    /// </summary>
    public static async Task<bool> HasValidTokenAsync(HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery)
    {
        if (await ReadAsync(http.Request, http.RequestAborted) is null)
        {
            return false;
        }
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
        {
            return false;
        }
    }
}
