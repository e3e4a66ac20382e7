using AngleSharp;
using AngleSharp.Dom;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>Forms filled in as a browser does: read from a page (hidden fields and antiforgery token included), then posted.</summary>
public static class Forms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The hidden fields of the first form on <paramref name="pageUrl"/> that posts to <paramref name="action"/>, the page's own forms before the header's.</summary>
    public static async Task<Dictionary<string, string>> FieldsAsync(HttpClient client, string pageUrl, string action)
    {
        var (response, page) = await HtmlPage.GetAsync(client, pageUrl);
        var form = page.QuerySelectorAll("main form").Concat(page.QuerySelectorAll("form"))
            .FirstOrDefault(f => f.GetAttribute("action")?.StartsWith(action, StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException($"no form to {action} on {pageUrl} ({(int)response.StatusCode})");
        return form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
    }

    public static async Task<(HttpResponseMessage Response, IDocument Page)> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        return (response, page);
    }

    /// <summary>Reads the form from one client's page and posts it through <paramref name="poster"/> (the same client, or the same visitor on another node).</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Page)> SubmitAsync(HttpClient reader, string pageUrl, string action, Dictionary<string, string> fields, HttpClient? poster = null)
    {
        var all = await FieldsAsync(reader, pageUrl, action);
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }
        return await PostAsync(poster ?? reader, action, all);
    }
}
