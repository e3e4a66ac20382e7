using System.Globalization;
using DailyPapers.Web;

namespace DailyPapers.Search;

/// <summary>What the search page shows: the parameters (to refill the form), one page of hits and how to mark them.</summary>
public sealed record SearchPageModel(SearchParameters Parameters, SearchResult Result, Pager Pager, HighlightTerms Terms)
{
    public string Query => Parameters.Query.Trim();

    /// <summary>Whether more papers may pass the relevance floor than can be paged through (<see cref="SearchResult.TotalIsLowerBound"/>).</summary>
    public bool TotalIsLowerBound { get; init; }

    public string TotalText => TotalIsLowerBound
        ? Display.Number(Pager.Total) + "+ results"
        : Display.Count(Pager.Total, "result", "results");

    /// <summary>Shown when the semantic lane did not answer (model loading, query embedding late, nothing embedded yet).</summary>
    public bool KeywordsOnly => Result.Reason is not null;

    /// <summary>Shown while the search index has not caught up with papers added to the catalog.</summary>
    public string? NotYetIndexedText => Result.PapersNotYetIndexed switch
    {
        0 => null,
        1 => "1 recently added or updated paper is still being indexed and may be missing from these results.",
        var count => $"{Display.Number(count)} recently added or updated papers are still being indexed and may be missing from these results.",
    };

    /// <summary>Shown while some papers are not embedded yet: the semantic lane cannot find them, their words still can.</summary>
    public string? NotYetEmbeddedText => Result.PapersNotYetEmbedded switch
    {
        0 => null,
        1 => "1 paper is still waiting for its embedding: semantic matching cannot find it yet, keyword matching can.",
        var count => $"{Display.Number(count)} papers are still waiting for their embeddings: semantic matching cannot find them yet, keyword matching can.",
    };

    public string FeedUrl => "/papers/search.atom?" + Parameters.ToQueryString();

    public string PageUrlWithoutFilters => "/search?" + QueryString.Create("q", Parameters.Query).Value?.TrimStart('?');

    public string SortUrl(SearchSort sort) => "/search?" + Parameters.ToQueryString(sort);

    public string PageUrl(int page)
    {
        var url = "/search?" + Parameters.ToQueryString();
        return page == 1 ? url : url + "&p=" + page.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Rank of the <paramref name="index"/>-th hit on this page, counting from the first page.</summary>
    public int Rank(int index) => Pager.Skip + index + 1;

    public static string SortLabel(SearchSort sort) => sort switch
    {
        SearchSort.Relevance => "Best match",
        SearchSort.Newest => "Newest",
        SearchSort.Upvotes => "Most upvoted",
        _ => sort.ToString(),
    };
}
