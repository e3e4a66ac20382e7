using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Accounts;

/// <summary>Who the access token belongs to, as Hugging Face's <c>/api/whoami-v2</c> answers it.</summary>
public static class AccountsApi
{
    public sealed record WhoAmIDto(string Type, string Name, bool EmailVerified, bool IsModerator);

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/whoami-v2", WhoAmI).WithTags("Accounts").RequireAuthorization()
            .WithSummary("The account of the access token sent as 'Authorization: Bearer <token>'.")
            .Produces(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static Ok<WhoAmIDto> WhoAmI(ClaimsPrincipal user) => TypedResults.Ok(new WhoAmIDto(
        "user", user.Identity!.Name!, user.HasClaim(CommunityClaims.EmailConfirmed, "true"), user.IsInRole(Roles.Admin)));
}
