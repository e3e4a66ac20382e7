using System.Globalization;

namespace DailyPapers.Feed;

/// <summary>Addresses of feed pages; defaults (upvotes, page 1) are left out so each page has one address.</summary>
public static class FeedLinks
{
    public static string Url(FeedPeriod period, FeedSort sort = FeedSort.Upvotes, int page = 1)
    {
        var query = new List<string>(2);
        if (sort != FeedSort.Upvotes)
        {
            query.Add("sort=" + FeedSorts.Name(sort));
        }
        if (page > 1)
        {
            query.Add("p=" + page.ToString(CultureInfo.InvariantCulture));
        }
        return query.Count == 0 ? period.PagePath : period.PagePath + "?" + string.Join('&', query);
    }
}
