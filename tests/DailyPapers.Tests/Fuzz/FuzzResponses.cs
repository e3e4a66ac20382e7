namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// What a fuzzed request must never get back, whatever it sent: a 5xx, an exception out of the
/// app, or an HTML/Atom body that carries a hostile marker unescaped.
/// </summary>
public static class FuzzResponses
{
    /// <summary>Sends <paramref name="request"/> and returns its status and, if it went wrong, how.</summary>
    public static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Browsers ask for HTML, so error pages come as HTML (and could reflect the input there).
        request.Headers.Accept.ParseAdd("text/html,application/json;q=0.9");
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The test host hands an exception that escaped the app to the client.
            return (0, $"threw {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return (status, $"HTTP {status}");
            }
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (mediaType is "text/html" or "application/atom+xml" or "application/xml" or "text/xml")
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var marker = RequestValues.Markers.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase));
                if (marker is not null)
                {
                    return (status, $"{mediaType} body holds '{marker}' unescaped");
                }
            }
            return (status, null);
        }
    }

    public static string Shorten(string text) => text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 150), $"… ({text.Length} chars)");
}
