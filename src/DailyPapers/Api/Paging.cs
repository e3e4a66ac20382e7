using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DailyPapers.Api;

/// <summary>
/// Parsing of the paging parameters the API shares (<c>p</c>, <c>limit</c>) and the response
/// headers that carry totals and links without changing the array body clients expect.
/// </summary>
public static class Paging
{
    /// <summary>Total number of items across all pages.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>Parses a 0-based page number; empty means page 0.</summary>
    public static bool TryParsePage(string? text, out int page, [NotNullWhen(false)] out ParameterError? error)
    {
        page = 0;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            return true;
        }
        error = new("p", $"Invalid page '{text}': expected a page number 0, 1, 2, ... (0 is the first page).");
        return false;
    }

    /// <summary>Parses a page size between 1 and <paramref name="max"/>; empty means <paramref name="fallback"/>.</summary>
    public static bool TryParseLimit(string? text, int fallback, int max, out int limit, [NotNullWhen(false)] out ParameterError? error)
    {
        limit = fallback;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
        {
            return true;
        }
        error = new("limit", $"Invalid limit '{text}': expected a whole number from 1 to {max}.");
        return false;
    }

    /// <summary>Sets <c>X-Total-Count</c> and an RFC 8288 <c>Link</c> header from (URL, relation) pairs.</summary>
    public static void SetHeaders(HttpResponse response, long total, params IEnumerable<(string Url, string Rel)> links)
    {
        response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        var header = string.Join(", ", links.Select(link => $"<{link.Url}>; rel=\"{link.Rel}\""));
        if (header.Length > 0)
        {
            response.Headers.Link = header;
        }
    }
}
