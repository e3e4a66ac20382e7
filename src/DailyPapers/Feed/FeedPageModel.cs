using System.Globalization;
using DailyPapers.Papers;
using DailyPapers.Web;

namespace DailyPapers.Feed;

/// <summary>Everything a day, week or month page shows.</summary>
/// <param name="Period">The day, week or month shown.</param>
/// <param name="Sort">The order of <paramref name="Items"/>.</param>
/// <param name="Pager">Which page of the period's papers this is.</param>
/// <param name="Items">This page's papers, in order.</param>
/// <param name="PreviousDay">Nearest day with papers before the period, if any.</param>
/// <param name="NextDay">Nearest day with papers after the period, if any.</param>
/// <param name="AnchorDay">The day the Day/Week/Month tabs are taken around.</param>
/// <param name="Now">The request's clock reading, for the "new" badge.</param>
public sealed record FeedPageModel(
    FeedPeriod Period,
    FeedSort Sort,
    Pager Pager,
    IReadOnlyList<FeedRow> Items,
    DateOnly? PreviousDay,
    DateOnly? NextDay,
    DateOnly AnchorDay,
    DateTimeOffset Now)
{
    /// <summary>How long after its first appearance on the feed a paper carries the "new" badge.</summary>
    public static readonly TimeSpan NewFor = TimeSpan.FromHours(24);

    /// <summary>Previous and next skip empty periods: they lead to the nearest period that has papers.</summary>
    public FeedPeriod? Previous => PreviousDay is { } day ? FeedPeriod.Containing(Period.Kind, day) : null;

    public FeedPeriod? Next => NextDay is { } day ? FeedPeriod.Containing(Period.Kind, day) : null;

    /// <summary>True when no paper was ever featured: a fresh install rather than a quiet day.</summary>
    public bool CatalogIsEmpty => Items.Count == 0 && PreviousDay is null && NextDay is null;

    public bool IsNew(FeedRow row) => Now.UtcDateTime - row.FirstFeaturedAt < NewFor;

    public int Rank(int index) => Pager.Skip + index + 1;

    public string KindName => Period.Kind.ToString().ToLowerInvariant();

    /// <summary>"on this day", "in this week", "in this month".</summary>
    public string InThisPeriod => Period.Kind == PeriodKind.Day ? "on this day" : "in this " + KindName;

    /// <summary>
    /// A neighbouring period's name for a button: "Oct 1", "Week 39", "Sep 2025"; a day in another
    /// year than the one shown keeps its year ("Dec 30, 2024").
    /// </summary>
    public string ShortLabel(FeedPeriod other) => other.Kind switch
    {
        PeriodKind.Day => other.Start.ToString(other.Start.Year == Period.Start.Year ? "MMM d" : "MMM d, yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Week => "Week " + ISOWeek.GetWeekOfYear(other.Start.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture),
        _ => other.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture),
    };

    public string Title => "Daily Papers: " + Period.Label;

    /// <summary>Day pages advertise that day's own Atom feed (<c>/papers/date/2024-07-29.atom</c>) too.</summary>
    public FeedLink? DayFeed => Period.Kind == PeriodKind.Day
        ? new FeedLink("DailyPapers: papers of " + Period.Label, Period.PagePath + ".atom")
        : null;

    public string Description => Items.Count == 0
        ? $"No papers were featured for {Period.Label}."
        : $"{Display.Count(Pager.Total, "research paper", "research papers")} featured by the community for {Period.Label}, "
          + $"{SortPhrase(Sort)}. Top: {Display.Excerpt(PlainMath.Of(Items[0].Paper.Title), 100)}";

    public static string SortLabel(FeedSort sort) => sort switch
    {
        FeedSort.Newest => "Newest",
        FeedSort.Trending => "Trending",
        FeedSort.PublishedAt => "Newest on arXiv",
        _ => "Most upvoted",
    };

    private static string SortPhrase(FeedSort sort) => sort switch
    {
        FeedSort.Newest => "newest first",
        FeedSort.Trending => "ranked by trending score",
        FeedSort.PublishedAt => "newest arXiv publication first",
        _ => "ranked by upvotes",
    };
}
