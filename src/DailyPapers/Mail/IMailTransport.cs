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

/// <summary>Makes the transport configured for this site.</summary>
public sealed class MailTransports(Microsoft.Extensions.Options.IOptions<MailOptions> options, Data.DataDirectory dataDirectory)
{
    public IMailTransport Open() => options.Value.UsesSmtp
        ? new SmtpTransport(options.Value.Smtp)
        : new PickupDirectoryTransport(PickupFolder);

    public string PickupFolder => Path.IsPathRooted(options.Value.PickupDirectory)
        ? options.Value.PickupDirectory
        : dataDirectory.File(options.Value.PickupDirectory);
}
