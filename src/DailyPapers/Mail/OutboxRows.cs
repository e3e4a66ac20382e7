using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>Puts messages into the outbox. A key that is already there is left alone: deciding twice never queues twice.</summary>
public static class OutboxRows
{
    /// <summary>Adds the row unless its key exists; true if it was added. Saves at once.</summary>
    public static async Task<bool> QueueAsync(this AppDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var row = Clean(message);
        if (await db.Outbox.AnyAsync(m => m.Key == row.Key, cancellationToken))
        {
            return false;
        }
        db.Outbox.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another process may have queued the same key between the check and the insert.
            if (await KeyExistsAsync(db, row, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    private static async Task<bool> KeyExistsAsync(AppDbContext db, OutboxMessage row, CancellationToken cancellationToken)
    {
        db.Entry(row).State = EntityState.Detached;
        return await db.Outbox.AnyAsync(m => m.Key == row.Key, cancellationToken);
    }

    /// <summary>
    /// The text door for the outbox: single-line fields through <see cref="SafeText.Clean"/> (which
    /// also removes any CR/LF a header could be split with); bodies keep their line breaks but lose
    /// the characters that door drops.
    /// </summary>
    public static OutboxMessage Clean(OutboxMessage message)
    {
        message.Key = SafeText.Clean(message.Key) ?? throw new ArgumentException("An outbox row needs a key.", nameof(message));
        message.Kind = SafeText.Clean(message.Kind) ?? throw new ArgumentException("An outbox row needs a kind.", nameof(message));
        message.Recipient = SafeText.Clean(message.Recipient) ?? throw new ArgumentException("An outbox row needs a recipient.", nameof(message));
        message.Subject = SafeText.Clip(SafeText.Clean(message.Subject) ?? "DailyPapers", 500);
        message.Html = CleanBody(message.Html);
        message.Text = CleanBody(message.Text);
        return message;
    }

    /// <summary><see cref="SafeText.Clean"/> line by line, so a body keeps its lines (and blank lines) but nothing else it would refuse.</summary>
    public static string CleanBody(string body) =>
        string.Join("\n", body.ReplaceLineEndings("\n").Split('\n').Select(line => SafeText.Clean(line) ?? ""));
}
