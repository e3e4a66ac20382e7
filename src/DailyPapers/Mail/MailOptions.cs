using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Mail;

/// <summary>Section <c>Mail</c>. The defaults write messages into DATA/outbox/ and need no mail server.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The From header (and the SMTP envelope sender).</summary>
    [Required]
    public string From { get; set; } = "DailyPapers <digest@localhost>";

    /// <summary><c>pickup</c> (default: .eml files in DATA/outbox/) or <c>smtp</c>.</summary>
    [RegularExpression("(?i)^(pickup|smtp)$", ErrorMessage = "Mail:Transport is pickup or smtp.")]
    public string Transport { get; set; } = "pickup";

    /// <summary>Where the pickup transport writes; relative paths are inside the data directory.</summary>
    public string PickupDirectory { get; set; } = "outbox";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Run the outbox sender inside the site (every <see cref="SendInterval"/>). Off for a node that should leave delivery to others or to the CLI.</summary>
    public bool SendInBackground { get; set; } = true;

    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Compose due digests inside the site every <see cref="ComposeInterval"/>. On several nodes one
    /// composes at a time (a lease in the database); off for a node that should leave it to others or to the CLI.
    /// </summary>
    public bool ComposeInBackground { get; set; } = true;

    public TimeSpan ComposeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a node holds the composition lease; a node killed while composing blocks the others at most this long.</summary>
    public TimeSpan ComposeLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a claimed row stays with its sender; a sender killed while holding it loses it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay after a transient failure; doubles with each attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>After this many transient failures a message is given up (about four days with the defaults).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>A pending address gets another confirmation email at most this often.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Subscribe requests per client IP per minute (per node).</summary>
    [Range(1, 100000)]
    public int SubscribesPerClientPerMinute { get; set; } = 10;

    /// <summary>Subscribe requests for one address per hour (per node).</summary>
    [Range(1, 100000)]
    public int SubscribesPerAddressPerHour { get; set; } = 3;

    public bool UsesSmtp => string.Equals(Transport, "smtp", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Section <c>Mail:Smtp</c>. The password belongs in an environment variable (<c>Mail__Smtp__Password</c>), not a file.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>none</c>, <c>starttls</c> (required, the default) or <c>tls</c> (implicit, port 465).</summary>
    [RegularExpression("(?i)^(none|starttls|tls)$", ErrorMessage = "Mail:Smtp:Security is none, starttls or tls.")]
    public string Security { get; set; } = "starttls";

    public string? User { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
