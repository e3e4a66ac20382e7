using MimeKit;

namespace DailyPapers.Mail;

/// <summary>
/// Where messages go: <see cref="PickupDirectoryTransport"/> (the default) or
/// <see cref="SmtpTransport"/>, chosen by <c>Mail:Transport</c>. One instance serves one run of the
/// sender, so SMTP keeps one connection for the whole run.
/// </summary>
public interface IMailTransport : IAsyncDisposable
{
    /// <summary>Delivers one message or throws: <see cref="PermanentDeliveryException"/> when retrying cannot help.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A failure retrying will not cure (5xx). <see cref="RecipientRejected"/> means the address itself was refused: it bounces.</summary>
public sealed class PermanentDeliveryException(string message, bool recipientRejected, Exception? inner = null) : Exception(message, inner)
{
    public bool RecipientRejected { get; } = recipientRejected;
}
