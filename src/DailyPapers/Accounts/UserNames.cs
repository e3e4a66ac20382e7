using System.Diagnostics.CodeAnalysis;

namespace DailyPapers.Accounts;

/// <summary>
/// The one door for user names: 2 to 39 ASCII letters, digits and single hyphens inside (as on
/// GitHub, so names are safe in URLs, emails and mentions), compared without case, and none that
/// could pass for the site speaking.
/// </summary>
public static class UserNames
{
    public const string AllowedCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "moderator", "moderation", "mod", "root", "system", "support", "help",
        "dailypapers", "api", "settings", "signin", "signup", "signout", "account", "accounts", "users",
        "papers", "search", "about", "security", "postmaster", "abuse", "noreply", "no-reply", "deleted",
    };

    public static bool TryParse(string? given, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? problem)
    {
        name = null;
        var text = given?.Trim() ?? "";
        if (text.Length is < 2 or > AccountModel.UserNameMaxLength)
        {
            problem = $"A user name has 2 to {AccountModel.UserNameMaxLength} characters.";
            return false;
        }
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || text.StartsWith('-') || text.EndsWith('-') || text.Contains("--", StringComparison.Ordinal))
        {
            problem = "A user name is letters a-z, digits and single hyphens between them.";
            return false;
        }
        if (Reserved.Contains(text))
        {
            problem = "That user name is reserved; choose another.";
            return false;
        }
        name = text;
        problem = null;
        return true;
    }
}
