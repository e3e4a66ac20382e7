using DailyPapers.Data;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>Makes the transport configured for this site.</summary>
public sealed class MailTransports(IOptions<MailOptions> options, DataDirectory dataDirectory)
{
    public IMailTransport Open() => options.Value.UsesSmtp
        ? new SmtpTransport(options.Value.Smtp)
        : new PickupDirectoryTransport(PickupFolder);

    public string PickupFolder => Path.IsPathRooted(options.Value.PickupDirectory)
        ? options.Value.PickupDirectory
        : dataDirectory.File(options.Value.PickupDirectory);
}
