using System.Text.Json;
using System.Text.RegularExpressions;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>Reading JSON API responses: the body, the paging headers and problem details.</summary>
public static partial class ApiResponses
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response, await response.JsonAsync());
    }

    public static long TotalCount(this HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The RFC 8288 Link header as relation → URL (empty when absent).</summary>
    public static Dictionary<string, string> Links(this HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return [];
        }
        return LinkValue().Matches(string.Join(", ", values)).ToDictionary(m => m.Groups["rel"].Value, m => m.Groups["url"].Value);
    }

    /// <summary>Asserts a 400/404 problem details body and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        return body;
    }

    public static string[] Ids(this JsonElement items, Func<JsonElement, string> select) =>
        [.. items.EnumerateArray().Select(select)];

    public static string[] PropertyNames(this JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    [GeneratedRegex("<(?<url>[^>]*)>;\\s*rel=\"(?<rel>[^\"]+)\"")]
    private static partial Regex LinkValue();
}
