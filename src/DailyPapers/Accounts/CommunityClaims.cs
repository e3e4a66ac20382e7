using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DailyPapers.Accounts;

/// <summary>
/// What the site needs to know of a member on every request, put into the principal when the
/// cookie or token is read: whether the email is confirmed (unconfirmed accounts may not vote,
/// comment or submit yet). Because the security stamp is checked on every request, a principal
/// is rebuilt from the database whenever the account changes.
/// </summary>
public sealed class CommunityClaims(UserManager<Account> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<long>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, Microsoft.AspNetCore.Identity.IdentityRole<long>>(users, roles, options)
{
    public const string EmailConfirmed = "dailypapers:email_confirmed";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(EmailConfirmed, user.EmailConfirmed ? "true" : "false"));
        return identity;
    }

    public static long? AccountId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsConfirmed(ClaimsPrincipal user) => user.HasClaim(EmailConfirmed, "true");
}
