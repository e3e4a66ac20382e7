namespace DailyPapers.Moderation;

/// <summary>
/// One moderator action, kept for ever and shown on the public <c>/moderation</c> page: who did
/// what to which paper, comment or account, and why. Holds nothing private (no addresses, no IPs).
/// </summary>
public sealed class ModerationAction
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The moderator's user name at the time ("operator" for the command line).</summary>
    public required string Moderator { get; set; }

    /// <summary>What was done (see <see cref="ModerationKinds"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>What it was done to, as shown: an arXiv id, a user name, a comment number.</summary>
    public required string Target { get; set; }

    /// <summary>A paper's title or a comment's paper, to make the log readable.</summary>
    public string? TargetLabel { get; set; }

    public string? Reason { get; set; }
}

public static class ModerationKinds
{
    public const string HidePaper = "hide-paper";
    public const string ShowPaper = "show-paper";
    public const string RemoveComment = "remove-comment";
    public const string DisableAccount = "disable-account";
    public const string EnableAccount = "enable-account";
    public const string GrantAdmin = "grant-admin";
    public const string RevokeAdmin = "revoke-admin";

    public static string Describe(string kind) => kind switch
    {
        HidePaper => "hid the paper",
        ShowPaper => "showed the paper again",
        RemoveComment => "removed the comment",
        DisableAccount => "disabled the account",
        EnableAccount => "enabled the account again",
        GrantAdmin => "made a moderator",
        RevokeAdmin => "ended moderator rights of",
        _ => kind,
    };
}
