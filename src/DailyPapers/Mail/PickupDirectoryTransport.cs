using MimeKit;

namespace DailyPapers.Mail;

/// <summary>
/// Writes each message as a complete <c>.eml</c> file into a folder (DATA/outbox/ by default), so the
/// default setup needs no mail server; a local MTA or a script can pick them up. The file is written
/// under a temporary name and renamed, so a reader never sees half a message. The name comes from
/// the Message-ID: a message sent again after a crash replaces its own file instead of adding one.
/// </summary>
public sealed class PickupDirectoryTransport(string folder) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = FileName(message.MessageId ?? throw new ArgumentException("A message needs a Message-ID.", nameof(message)));
        var final = Path.Combine(folder, name + ".eml");
        var temporary = Path.Combine(folder, "." + name + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(FormatOptions.Default, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The Message-ID's local part (hex, from the outbox key): safe as a file name everywhere.</summary>
    public static string FileName(string messageId)
    {
        var local = messageId.Split('@')[0];
        return local.All(char.IsAsciiLetterOrDigit) && local.Length > 0 ? local : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
