using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// One form the site serves: where it posts, the page it was found on and its fields as a browser
/// would send them untouched (hidden tokens included, repeated names kept in order).
/// </summary>
public sealed record FuzzForm(string Action, string FoundOn, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public IEnumerable<string> FieldNames => Fields.Select(f => f.Key).Distinct(StringComparer.Ordinal);

    public bool HasAntiforgeryToken => Fields.Any(f => f.Key == FuzzForms.AntiforgeryField);

    /// <summary>The fields as sent with <paramref name="hostile"/> in place of every value of those names (names absent from the form are added).</summary>
    public string Body(IReadOnlyDictionary<string, RequestValue> hostile)
    {
        var pairs = Fields.Where(f => !hostile.ContainsKey(f.Key))
            .Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))
            .Concat(hostile.Select(h => Uri.EscapeDataString(h.Key) + "=" + h.Value.Encoded));
        return string.Join('&', pairs);
    }
}

/// <summary>
/// Every POST form the site shows, found by reading the pages it serves (each GET route with good
/// values, plus pages only a link opens, such as a subscriber's preferences), so a new form is
/// fuzzed without editing the tests.
/// </summary>
public static class FuzzForms
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public static async Task<List<FuzzForm>> DiscoverAsync(HttpClient client, IEnumerable<FuzzRoute> routes, IEnumerable<string> linkedPages, CancellationToken cancellationToken)
    {
        var pages = routes.Where(r => r.Method == "GET" && r.Pattern is not null)
            .Select(r => r.Path(new Dictionary<string, RequestValue>()))
            .Concat(linkedPages)
            .Distinct(StringComparer.Ordinal);
        var parser = new HtmlParser();
        var forms = new Dictionary<string, FuzzForm>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var form in document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
            {
                var action = Resolve(page, form.GetAttribute("action"));
                var fields = Fields(form);
                // One entry per kind of form: the subscribe box is on every page.
                var key = action.Split('?')[0] + " " + string.Join(',', fields.Select(f => f.Key).Distinct().Order(StringComparer.Ordinal));
                forms.TryAdd(key, new FuzzForm(action, page, fields));
            }
        }
        return [.. forms.Values];
    }

    /// <summary>What a browser submits from the form as it stands: named inputs (checked ones only for boxes), selected options, text areas.</summary>
    private static List<KeyValuePair<string, string>> Fields(IElement form)
    {
        List<KeyValuePair<string, string>> fields = [];
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            var type = element.GetAttribute("type")?.ToLowerInvariant();
            if (type is "submit" or "button" or "reset" or "image" || ((type is "checkbox" or "radio") && !element.HasAttribute("checked")))
            {
                continue;
            }
            if (element.TagName == "SELECT")
            {
                var selected = element.QuerySelectorAll("option[selected]").ToList();
                foreach (var option in selected.Count > 0 ? selected : element.QuerySelectorAll("option").Take(1))
                {
                    fields.Add(new(name, option.GetAttribute("value") ?? option.TextContent));
                }
                continue;
            }
            var value = element.TagName == "TEXTAREA" ? element.TextContent : element.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : "");
            fields.Add(new(name, value));
        }
        return fields;
    }

    private static string Resolve(string page, string? action)
    {
        if (string.IsNullOrEmpty(action))
        {
            return page;
        }
        var resolved = new Uri(new Uri("http://site" + page), action);
        return resolved.PathAndQuery;
    }
}
