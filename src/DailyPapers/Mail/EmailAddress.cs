using MimeKit;

namespace DailyPapers.Mail;

/// <summary>
/// The one door for subscriber addresses: exactly one plain address (no display name, group,
/// comment or angle brackets), within SMTP's length limits, without any control character (so no
/// header can be injected through it), parsed by MimeKit and normalized.
/// </summary>
public static class EmailAddress
{
    /// <summary>RFC 5321: a path holds at most 256 octets including the angle brackets.</summary>
    public const int MaxLength = 254;

    private const int MaxLocalPartLength = 64;

    /// <summary>The normalized address (local part as given, domain lower-cased), or null with the reason.</summary>
    public static string? Normalize(string? input, out string? problem)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "Enter an email address.";
            return null;
        }
        if (text.Length > MaxLength)
        {
            problem = $"An email address has at most {MaxLength} characters.";
            return null;
        }
        if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            problem = "An email address has no spaces, line breaks or control characters.";
            return null;
        }
        // MimeKit accepts more than a plain address ("Name <a@b>", "<a@b>", comments); only the
        // input that is exactly its own addr-spec is taken.
        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox)
            || !string.IsNullOrEmpty(mailbox.Name)
            || mailbox.Route.Count > 0
            || !string.Equals(mailbox.Address, text, StringComparison.Ordinal))
        {
            problem = "That is not an email address (expected something like name@example.org).";
            return null;
        }
        var at = text.LastIndexOf('@');
        var local = at > 0 ? text[..at] : "";
        var domain = at > 0 ? text[(at + 1)..] : "";
        if (at <= 0 || local.Length > MaxLocalPartLength || !domain.Contains('.', StringComparison.Ordinal)
            || domain.StartsWith('.') || domain.EndsWith('.') || domain.StartsWith('[') || !MailboxAddress.TryParse(local + "@" + domain.ToLowerInvariant(), out _))
        {
            problem = "That is not an email address (expected something like name@example.org).";
            return null;
        }
        problem = null;
        // Local parts may be case-sensitive (RFC 5321 2.4); domains never are.
        return local + "@" + domain.ToLowerInvariant();
    }
}
