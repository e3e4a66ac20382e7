using System.Globalization;
using System.Net;
using System.Text;
using DailyPapers.Papers;

namespace DailyPapers.Mail;

/// <summary>
/// A digest as subject, HTML and plain text. Every inserted value is HTML-encoded in the HTML part;
/// every link is absolute, from <see cref="MailLinks"/> (the configured public address). Titles and
/// abstracts are in their plain form (<see cref="PlainMath"/>) in both parts: email programs run
/// no script, so LaTeX math would otherwise reach the reader as written.
/// </summary>
public static class DigestTemplates
{
    /// <summary>How much of an abstract a digest shows: enough to judge the paper, short enough to skim ten.</summary>
    public const int AbstractExcerpt = 300;

    public sealed record Links(Func<string, string> Paper, string Preferences, string Unsubscribe);

    public static MailTemplates.Content Digest(DigestDraft draft, Links links)
    {
        var subject = Subject(draft);
        var html = new StringBuilder();
        var text = new StringBuilder();
        if (draft.IsEmpty)
        {
            const string nothing = "Nothing new this time: no trending paper passed your filters and no saved search had new matches.";
            html.Append("<p>").Append(Encode(nothing)).Append("</p>\n");
            text.Append(nothing).Append("\n\n");
        }
        Section(html, text, $"Trending, {draft.Period.Label}", draft.Trending, links);
        Section(html, text, "New matches of your saved searches", draft.SearchMatches, links);
        html.Append(CultureInfo.InvariantCulture,
            $"<hr><p style=\"font-size: 0.9em; color: #555;\"><a href=\"{Encode(links.Preferences)}\">Change your preferences</a> (how often, how many papers, topics, saved searches) · <a href=\"{Encode(links.Unsubscribe)}\">Unsubscribe</a></p>\n");
        text.Append(CultureInfo.InvariantCulture, $"--\nChange your preferences: {links.Preferences}\nUnsubscribe: {links.Unsubscribe}\n");
        return new MailTemplates.Content(subject, Page(subject, html.ToString()), text.ToString());
    }

    /// <summary>"DailyPapers: 10 trending papers, week of Nov 30", "DailyPapers: 1 trending paper and 2 search matches, Dec 3".</summary>
    public static string Subject(DigestDraft draft)
    {
        var parts = new List<string>();
        if (draft.Trending.Count > 0)
        {
            parts.Add(Count(draft.Trending.Count, "trending paper", "trending papers"));
        }
        if (draft.SearchMatches.Count > 0)
        {
            parts.Add(Count(draft.SearchMatches.Count, "search match", "search matches"));
        }
        var what = parts.Count == 0 ? "nothing new" : string.Join(" and ", parts);
        return $"DailyPapers: {what}, {draft.Period.Label}";
    }

    private static string Count(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    private static void Section(StringBuilder html, StringBuilder text, string heading, IReadOnlyList<DigestPaper> papers, Links links)
    {
        if (papers.Count == 0)
        {
            return;
        }
        html.Append("<h2 style=\"font-size: 1.1em;\">").Append(Encode(heading)).Append("</h2>\n<ol>\n");
        text.Append(heading).Append("\n\n");
        var number = 1;
        foreach (var paper in papers)
        {
            var url = links.Paper(PaperLinks.PagePath(paper.ArxivId));
            var title = PlainMath.Of(paper.Title);
            var authors = string.Join(", ", paper.Authors);
            var excerpt = Excerpt(paper.Abstract);
            var upvotes = Count(paper.Upvotes, "upvote", "upvotes");
            html.Append(CultureInfo.InvariantCulture, $"""
                <li style="margin-bottom: 1em;"><a href="{Encode(url)}"><strong>{Encode(title)}</strong></a><br>
                <span style="color: #555;">{Encode(authors)}</span><br>
                {Encode(excerpt)}<br>
                <span style="color: #555;">{Encode(upvotes)} · {Encode(paper.Reason)}</span></li>

                """);
            // No indentation: the outbox's text door trims every line.
            text.Append(CultureInfo.InvariantCulture, $"{number}. {title}\n{url}\n");
            if (authors.Length > 0)
            {
                text.Append(authors).Append('\n');
            }
            if (excerpt.Length > 0)
            {
                text.Append(excerpt).Append('\n');
            }
            text.Append(CultureInfo.InvariantCulture, $"{upvotes} · {paper.Reason}\n\n");
            number++;
        }
        html.Append("</ol>\n");
    }

    /// <summary>The abstract's first <see cref="AbstractExcerpt"/> characters of its plain form, cut at a word, on one line.</summary>
    public static string Excerpt(string? abstractText)
    {
        var clean = SafeText.Clean(PlainMath.Of(abstractText)) ?? "";
        if (clean.Length <= AbstractExcerpt)
        {
            return clean;
        }
        var cut = clean.LastIndexOf(' ', AbstractExcerpt);
        return clean[..(cut > AbstractExcerpt / 2 ? cut : AbstractExcerpt)].TrimEnd(',', ';', ':', '.') + " …";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)}</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 1em auto; padding: 0 1em;">
        {body}
        </body></html>
        """;
}
