using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace DailyPapers.Mail;

/// <summary>Turns an outbox row into the MIME message that goes out: both parts and the list headers.</summary>
public static class OutboxMime
{
    /// <summary>
    /// The Message-ID is a keyed hash of the outbox key, so every attempt at one row (a resend after a
    /// crash between the server's acceptance and our commit) carries the same id and a reader or a
    /// server can recognise the copy; keyed, so the id does not reveal the subscription number.
    /// </summary>
    public static string MessageId(string outboxKey, byte[] siteKey, string host)
    {
        var hash = HMACSHA256.HashData(siteKey, Encoding.UTF8.GetBytes("message-id:" + outboxKey));
        return Convert.ToHexStringLower(hash, 0, 16) + "@" + host;
    }

    // `from` is the configured address as text, parsed here for every message: a MimeKit address
    // object shared between messages keeps every one of them alive through its change events.
    public static MimeMessage Build(OutboxMessage row, string from, string messageId, string host, string? unsubscribeUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(row.Recipient));
        message.Subject = row.Subject;
        // The time it was queued, not the attempt: every copy of one message carries the same Date.
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
        message.MessageId = messageId;
        message.Headers.Add("List-Id", $"DailyPapers <dailypapers.{host}>");
        if (unsubscribeUrl is not null)
        {
            // RFC 8058: one-click unsubscribe by an HTTPS POST, no mailto.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = row.Text, HtmlBody = row.Html };
        message.Body = body.ToMessageBody();
        return message;
    }
}
