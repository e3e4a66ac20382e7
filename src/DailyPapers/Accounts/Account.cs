using Microsoft.AspNetCore.Identity;

namespace DailyPapers.Accounts;

/// <summary>
/// A community member. ASP.NET Core Identity keeps the credentials (password hash, security stamp,
/// lockout, email confirmation); the site adds when it was made and whether moderators disabled it.
/// </summary>
public sealed class Account : IdentityUser<long>
{
    public DateTime CreatedAt { get; set; }

    /// <summary>Set by a moderator: the account can no longer sign in, and its sessions and tokens stop working.</summary>
    public DateTime? DisabledAt { get; set; }
}

/// <summary>A personal access token for the API: only a hash of the secret is stored.</summary>
public sealed class AccessToken
{
    public long Id { get; set; }
    public long AccountId { get; set; }

    /// <summary>The owner's label ("laptop script").</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the whole token string; the token itself is shown once and never stored.</summary>
    public required byte[] Hash { get; set; }

    /// <summary>The token's first characters, so the owner can tell tokens apart in the list.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public Account? Account { get; set; }
}

public static class Roles
{
    public const string Admin = "admin";
}
