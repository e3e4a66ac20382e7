using System.Net;
using System.Security.Cryptography;
using DailyPapers.Data;
using DailyPapers.Mail;

namespace DailyPapers.Accounts;

/// <summary>
/// Account emails go through the same outbox and sender as the digests, so they survive a crash
/// between the request and the SMTP server and are retried like every other message. Each call
/// only adds the row; the caller's SaveChanges commits it with whatever the request changed.
/// </summary>
public sealed class AccountEmails(AppDbContext db, MailLinks links, TimeProvider clock)
{
    public const string ConfirmKind = "account-confirm";
    public const string ExistsKind = "account-exists";
    public const string ResetKind = "account-reset";
    public const string EmailChangeKind = "account-email-change";

    public void Confirm(Account account, string code) => Queue(ConfirmKind, account.Email!,
        "Confirm your DailyPapers account",
        $"Welcome to DailyPapers, {account.UserName}. Confirm that this address is yours to vote, comment and submit papers.",
        "Confirm my account", links.Page($"/account/confirm?user={account.Id}&code={Uri.EscapeDataString(code)}"),
        "If you did not sign up, ignore this email; the account stays unconfirmed.");

    /// <summary>Someone signed up with an address that already has an account: the owner hears of it, the visitor learns nothing.</summary>
    public void AlreadyRegistered(Account account) => Queue(ExistsKind, account.Email!,
        "Someone tried to sign up to DailyPapers with your address",
        $"This address already has a DailyPapers account (user name {account.UserName}). If that was you, sign in instead; if you forgot the password, reset it.",
        "Reset my password", links.Page("/account/forgot"),
        "If it was not you, nothing changed; you can ignore this email.");

    public void Reset(Account account, string code) => Queue(ResetKind, account.Email!,
        "Reset your DailyPapers password",
        $"Someone, probably you, asked to reset the password of the DailyPapers account {account.UserName}.",
        "Choose a new password", links.Page($"/account/reset?user={account.Id}&code={Uri.EscapeDataString(code)}"),
        "The link works once, for a day. If you did not ask, ignore this email: the password stays as it is.");

    public void ConfirmNewEmail(Account account, string newEmail, string code) => Queue(EmailChangeKind, newEmail,
        "Confirm your new DailyPapers email address",
        $"The DailyPapers account {account.UserName} asked to use this address from now on.",
        "Use this address", links.Page($"/account/email?user={account.Id}&email={Uri.EscapeDataString(newEmail)}&code={Uri.EscapeDataString(code)}"),
        "Until you open the link, the account keeps its old address. If you did not ask, ignore this email.");

    private void Queue(string kind, string recipient, string subject, string intro, string action, string url, string outro)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{Encode(subject)}</title></head>
            <body style="font-family:sans-serif;max-width:36em">
            <p>{Encode(intro)}</p>
            <p><a href="{Encode(url)}">{Encode(action)}</a></p>
            <p>{Encode(outro)}</p>
            </body></html>
            """;
        var text = $"""
            {intro}

            {action}:
            {url}

            {outro}
            """;
        db.Outbox.Add(OutboxRows.Clean(new OutboxMessage
        {
            Key = $"{kind}:{nonce}",
            Kind = kind,
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
