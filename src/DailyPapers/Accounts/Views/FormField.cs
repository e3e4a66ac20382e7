namespace DailyPapers.Accounts.Views;

/// <summary>One input of an account form; a value is only ever echoed back for fields that are not secret.</summary>
public sealed record FormField(string Name, string Label, string Type = "text", string? Value = null, string? Autocomplete = null, int MaxLength = 200, string? Hint = null, bool Required = true);

/// <summary>An access token as its owner's list shows it (never the secret, never the hash).</summary>
public sealed record TokenRow(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt);
