using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using DailyPapers.Api;
using DailyPapers.Papers;

namespace DailyPapers.Search;

/// <summary>
/// The query-string parameters that the search page, the search API and the search feed share:
/// <c>q</c>, <c>from</c>/<c>to</c> (arXiv publication days), <c>cat</c> (repeatable or a comma list),
/// <c>featured</c> and <c>sort</c>. Paging differs by surface (<c>p</c> is 1-based on pages, 0-based in the API).
/// </summary>
public sealed partial record SearchParameters(string Query, SearchFilters Filters, SearchSort Sort, bool SortGiven)
{
    /// <summary>Every query key a search surface reads (the feed's topic filters too); the output cache varies by exactly these.</summary>
    public static readonly string[] QueryKeys = ["q", "from", "to", "cat", "featured", "sort", "p", "limit", "xcat", "kw", "xkw"];

    /// <summary>More categories than anyone filters by; keeps a crafted URL from making every candidate check long.</summary>
    public const int MaxCategories = 20;

    public static bool TryParse(
        string? q, string? from, string? to, string[]? cat, string? featured, string? sort, SearchSort defaultSort,
        [NotNullWhen(true)] out SearchParameters? parameters, [NotNullWhen(false)] out ParameterError? error)
    {
        parameters = null;
        // Through the text door, so the query kept in the box and in links is the one that runs.
        var query = SafeText.Clean(q) ?? "";
        if (new SearchRequest(query).Validate() is { } problem)
        {
            error = new("q", !string.IsNullOrWhiteSpace(q) && query.Length == 0
                ? "The search query has nothing to search for once characters that are not text are removed."
                : query.Length == 0 ? "Type something to search for: the search query is empty." : problem);
            return false;
        }
        if (!TryParseDay("from", from, out var fromDay, out error)
            || !TryParseDay("to", to, out var toDay, out error)
            || !TryParseCategories(cat, out var categories, out error)
            || !TryParseFeatured(featured, out var featuredOnly, out error)
            || !TryParseSort(sort, defaultSort, out var order, out error))
        {
            return false;
        }
        if (fromDay > toDay)
        {
            error = new("from,to", $"The date range ends ({Day(toDay)}) before it starts ({Day(fromDay)}).");
            return false;
        }
        var filters = new SearchFilters { PublishedFrom = fromDay, PublishedTo = toDay, Categories = categories, FeaturedOnly = featuredOnly };
        parameters = new SearchParameters(query, filters, order, !string.IsNullOrEmpty(sort));
        return true;
    }

    /// <summary>Query string (without "?" and paging) for links between the page, its feed and its sorts.</summary>
    public string ToQueryString(SearchSort? sort = null)
    {
        var pairs = new List<KeyValuePair<string, string?>> { new("q", Query) };
        if (Filters.PublishedFrom is { } fromDay)
        {
            pairs.Add(new("from", Day(fromDay)));
        }
        if (Filters.PublishedTo is { } toDay)
        {
            pairs.Add(new("to", Day(toDay)));
        }
        if (Filters.Categories.Count > 0)
        {
            pairs.Add(new("cat", string.Join(',', Filters.Categories)));
        }
        if (Filters.FeaturedOnly)
        {
            pairs.Add(new("featured", "1"));
        }
        var order = sort ?? (SortGiven ? Sort : null);
        if (order is { } given)
        {
            pairs.Add(new("sort", SortName(given)));
        }
        return (QueryString.Create(pairs).Value ?? "").TrimStart('?');
    }

    public static string SortName(SearchSort sort) => sort.ToString().ToLowerInvariant();

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static bool TryParseDay(string name, string? text, out DateOnly? day, [NotNullWhen(false)] out ParameterError? error)
    {
        day = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (Days.TryParse(text, out var parsed))
        {
            day = parsed;
            return true;
        }
        error = new(name, $"Invalid date '{text}' for '{name}': expected a day as YYYY-MM-DD, for example 2024-07-29.");
        return false;
    }

    private static bool TryParseCategories(string[]? values, out IReadOnlyList<string> categories, [NotNullWhen(false)] out ParameterError? error)
    {
        error = null;
        var all = (values ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        categories = all;
        if (all.Count > MaxCategories)
        {
            error = new("cat", $"Too many categories ({all.Count}): give at most {MaxCategories}.");
            return false;
        }
        if (all.FirstOrDefault(c => !Category().IsMatch(c)) is { } bad)
        {
            error = new("cat", $"Invalid category '{bad}': expected an arXiv category such as cs.CL or hep-th, or a whole archive such as cs.");
            return false;
        }
        return true;
    }

    private static bool TryParseFeatured(string? text, out bool featured, [NotNullWhen(false)] out ParameterError? error)
    {
        error = null;
        switch (text?.ToUpperInvariant())
        {
            case null or "" or "0" or "FALSE":
                featured = false;
                return true;
            case "1" or "TRUE" or "ON":
                featured = true;
                return true;
            default:
                featured = false;
                error = new("featured", $"Invalid value '{text}' for 'featured': expected 1 (only papers that were on the daily feed) or 0.");
                return false;
        }
    }

    private static bool TryParseSort(string? text, SearchSort fallback, out SearchSort sort, [NotNullWhen(false)] out ParameterError? error)
    {
        error = null;
        sort = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        foreach (var candidate in Enum.GetValues<SearchSort>())
        {
            if (SortName(candidate).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                sort = candidate;
                return true;
            }
        }
        error = new("sort", $"Unknown sort '{text}': expected relevance, newest or upvotes.");
        return false;
    }

    /// <summary>An archive (<c>cs</c>, <c>hep-th</c>, <c>q-bio</c>) optionally followed by a subject class (<c>.CL</c>, <c>.mes-hall</c>).</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z-]{0,15}(\\.[A-Za-z][A-Za-z-]{0,15})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Category();
}
