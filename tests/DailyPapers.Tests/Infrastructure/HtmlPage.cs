using AngleSharp;
using AngleSharp.Dom;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>Fetches a page and parses it as a browser would, for assertions on structure and text.</summary>
public static class HtmlPage
{
    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await BrowsingContext.New(Configuration.Default)
            .OpenAsync(req => req.Content(html).Address(new Uri(client.BaseAddress!, url)), TestContext.Current.CancellationToken);
        return (response, document);
    }

    /// <summary>Text with whitespace collapsed, as it reads on screen.</summary>
    public static string Text(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Titles of the paper cards, in page order.</summary>
    public static List<string> CardTitles(this IDocument document) =>
        [.. document.QuerySelectorAll(".card-title a").Select(a => a.Text())];

    /// <summary>The href of the link whose visible or accessible text contains <paramref name="text"/>.</summary>
    public static string? LinkHref(this IDocument document, string text) =>
        document.QuerySelectorAll("a").FirstOrDefault(a => a.Text().Contains(text, StringComparison.Ordinal))?.GetAttribute("href");
}
