using System.Net;
using DailyPapers.Data;
using DailyPapers.Mail;
using DailyPapers.Papers;
using DailyPapers.Web;

namespace DailyPapers.Comments;

/// <summary>
/// "Someone replied to your comment", through the outbox like every other email. The key names the
/// reply, so the message is queued at most once per reply whatever retries happen.
/// </summary>
public sealed class CommentEmails(AppDbContext db, MailLinks links, TimeProvider clock)
{
    public const string ReplyKind = "comment-reply";

    private const int ExcerptLength = 500;

    public void Reply(string recipient, string recipientName, string replierName, long replyId, string replyBody, string arxivId, string paperTitle)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var url = links.Page(PaperLinks.PagePath(arxivId) + "#" + CommentAnchors.Of(replyId));
        var subject = $"{replierName} replied to your comment on \u201c{Display.Excerpt(paperTitle, 80)}\u201d";
        var excerpt = Display.Excerpt(replyBody, ExcerptLength);
        const string Outro = "You get this email because you asked for replies to that comment. Replies to your other comments reach you only where you asked for them too.";
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{Encode(subject)}</title></head>
            <body style="font-family:sans-serif;max-width:36em">
            <p>Hello {Encode(recipientName)}, {Encode(replierName)} replied to your comment on {Encode(paperTitle)}:</p>
            <blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">{Encode(excerpt)}</blockquote>
            <p><a href="{Encode(url)}">Read the reply</a></p>
            <p>{Encode(Outro)}</p>
            </body></html>
            """;
        var text = $"""
            Hello {recipientName}, {replierName} replied to your comment on {paperTitle}:

            {excerpt}

            Read the reply:
            {url}

            {Outro}
            """;
        db.Outbox.Add(OutboxRows.Clean(new OutboxMessage
        {
            Key = $"{ReplyKind}:{replyId}",
            Kind = ReplyKind,
            Recipient = recipient,
            Subject = subject,
            Html = html,
            Text = text,
            CreatedAt = now,
            NextAttemptAt = now,
        }));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>The fragment that names a comment on its paper's page.</summary>
public static class CommentAnchors
{
    public const string Section = "comments";

    public static string Of(long commentId) => "comment-" + commentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
