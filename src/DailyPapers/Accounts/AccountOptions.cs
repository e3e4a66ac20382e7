using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Accounts;

/// <summary>The <c>Accounts</c> section: lockout and abuse limits.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100)] public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client address per minute (all accounts together).</summary>
    [Range(1, 10_000)] public int SignInsPerClientPerMinute { get; set; } = 10;

    /// <summary>Sign-ups and password-reset requests per client address per hour.</summary>
    [Range(1, 10_000)] public int SignUpsPerClientPerHour { get; set; } = 10;

    /// <summary>Votes, comments and submissions per account (or client) per minute.</summary>
    [Range(1, 10_000)] public int WritesPerMinute { get; set; } = 30;

    /// <summary>A paper may be submitted to the daily page only this many days after its first arXiv version (as on Hugging Face).</summary>
    [Range(1, 36500)] public int SubmitWithinDays { get; set; } = 14;

    /// <summary>Submissions one account may make per day.</summary>
    [Range(1, 1000)] public int SubmissionsPerDay { get; set; } = 10;

    /// <summary>The longest life an access token may be given.</summary>
    [Range(1, 3650)] public int MaxTokenDays { get; set; } = 365;

    /// <summary>Access tokens one account may hold at once.</summary>
    [Range(1, 1000)] public int MaxTokensPerAccount { get; set; } = 20;
}
