namespace DailyPapers.Web;

/// <summary>An Atom feed a page advertises with <c>&lt;link rel="alternate"&gt;</c>.</summary>
public sealed record FeedLink(string Title, string Href);
