using System.Globalization;
using DailyPapers.Accounts.Views;
using DailyPapers.Data;
using DailyPapers.Mail;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DailyPapers.Accounts;

/// <summary>The signed-in member's settings: email, password, deleting the account, access tokens.</summary>
public static class SettingsPages
{
    public static WebApplication MapSettingsPages(this WebApplication app)
    {
        var pages = app.MapGroup("/settings").ExcludeFromDescription().DisableAntiforgery().RequireAuthorization();
        pages.MapGet("", (HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, string? done) => ShowSettings(http, antiforgery, users, DoneMessage(done), []));
        pages.MapPost("/email", ChangeEmail).RequireRateLimiting(AccountSetup.SignUpPolicy);
        pages.MapPost("/password", ChangePassword).RequireRateLimiting(AccountSetup.SignInPolicy);
        pages.MapPost("/delete", DeleteAccount).RequireRateLimiting(AccountSetup.SignInPolicy);
        pages.MapGet("/tokens", (HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AppDbContext db, IOptions<AccountOptions> options, CancellationToken cancellationToken) =>
            ShowTokens(http, antiforgery, users, db, options, null, [], StatusCodes.Status200OK, cancellationToken));
        pages.MapPost("/tokens", CreateToken).RequireRateLimiting(AccountSetup.WritePolicy);
        pages.MapPost("/tokens/{id:long}/revoke", RevokeToken);
        app.MapGet("/account/email", ConfirmNewEmail).ExcludeFromDescription();
        return app;
    }

    private static string? DoneMessage(string? done) => done switch
    {
        "password" => "Password changed. Every other session of this account has ended.",
        "email" => "A link is on its way to the new address; the account keeps the old one until it is opened.",
        _ => null,
    };

    private static async Task<IResult> ShowSettings(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, string? message, IReadOnlyList<string> problems, int status = StatusCodes.Status200OK)
    {
        if (await users.GetUserAsync(http.User) is not { } account)
        {
            return TypedResults.Redirect("/signin?returnUrl=%2Fsettings");
        }
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<SettingsPage>(new Dictionary<string, object?>
        {
            [nameof(SettingsPage.UserName)] = account.UserName,
            [nameof(SettingsPage.Email)] = account.Email,
            [nameof(SettingsPage.EmailConfirmed)] = account.EmailConfirmed,
            [nameof(SettingsPage.Message)] = message,
            [nameof(SettingsPage.Problems)] = problems,
            [nameof(SettingsPage.TokenField)] = tokens.FormFieldName,
            [nameof(SettingsPage.TokenValue)] = tokens.RequestToken,
        })
        { StatusCode = status };
    }

    /// <summary>Reads the form and checks its token and the session; null with the page to show when either fails.</summary>
    private static async Task<(IFormCollection? Form, Account? Account, IResult? Refusal)> ReadAsync(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return (null, null, ErrorPages.BadRequest("Send the form as a browser does; this request could not be read as one."));
        }
        if (await users.GetUserAsync(http.User) is not { } account)
        {
            return (null, null, TypedResults.Redirect("/signin?returnUrl=%2Fsettings"));
        }
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return (null, null, await ShowSettings(http, antiforgery, users, null, ["This form had expired; nothing was changed. Send it again."], StatusCodes.Status400BadRequest));
        }
        return (form, account, null);
    }

    private static async Task<IResult> ChangeEmail(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AccountEmails emails, AppDbContext db, CancellationToken cancellationToken)
    {
        var (form, account, refusal) = await ReadAsync(http, antiforgery, users, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var email = EmailAddress.Normalize(AccountForms.Field(form!, "email"), out var problem);
        if (email is null)
        {
            return await ShowSettings(http, antiforgery, users, null, [problem ?? "Enter one email address."], StatusCodes.Status400BadRequest);
        }
        // An address that has an account already gets no link (the change would fail), and the page says the same either way.
        if (await users.FindByEmailAsync(email) is null)
        {
            emails.ConfirmNewEmail(account!, email, await users.GenerateChangeEmailTokenAsync(account!, email));
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Redirect("/settings?done=email");
    }

    private static async Task<IResult> ConfirmNewEmail(string? user, string? email, string? code, UserManager<Account> users, SignInManager<Account> signIn)
    {
        var account = long.TryParse(user, out var id) ? await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture)) : null;
        var address = EmailAddress.Normalize(email, out _);
        if (account is null || address is null || string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return AccountForms.Notice("This link does not work", "The link is not valid, was already used or has expired.", statusCode: StatusCodes.Status400BadRequest);
        }
        var changed = await users.ChangeEmailAsync(account, address, code);
        if (!changed.Succeeded)
        {
            return AccountForms.Notice("This link does not work", "The link is not valid, was already used or has expired, or the address now belongs to another account.", statusCode: StatusCodes.Status400BadRequest);
        }
        return AccountForms.Notice("Email address changed", $"The account {account.UserName} now uses {address}.", ("/settings", "Settings"));
    }

    private static async Task<IResult> ChangePassword(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, CancellationToken cancellationToken)
    {
        var (form, account, refusal) = await ReadAsync(http, antiforgery, users, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var current = AccountForms.Secret(form!, "currentPassword");
        var next = AccountForms.Secret(form!, "newPassword");
        if (current is null || next is null)
        {
            return await ShowSettings(http, antiforgery, users, null, ["Enter the current and the new password."], StatusCodes.Status400BadRequest);
        }
        var changed = await users.ChangePasswordAsync(account!, current, next);
        if (!changed.Succeeded)
        {
            return await ShowSettings(http, antiforgery, users, null, [.. changed.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description)], StatusCodes.Status400BadRequest);
        }
        // The new security stamp ends every other session; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(account!);
        return TypedResults.Redirect("/settings?done=password");
    }

    private static async Task<IResult> DeleteAccount(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, CancellationToken cancellationToken)
    {
        var (form, account, refusal) = await ReadAsync(http, antiforgery, users, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var password = AccountForms.Secret(form!, "password");
        if (password is null || !await users.CheckPasswordAsync(account!, password))
        {
            return await ShowSettings(http, antiforgery, users, null, ["The password is wrong; the account was not deleted."], StatusCodes.Status400BadRequest);
        }
        var deleted = await users.DeleteAsync(account!);
        if (!deleted.Succeeded)
        {
            return await ShowSettings(http, antiforgery, users, null, [.. deleted.Errors.Select(e => e.Description)], StatusCodes.Status500InternalServerError);
        }
        await signIn.SignOutAsync();
        return AccountForms.Notice("Account deleted", $"The account {account!.UserName} and its votes and tokens are gone.", ("/", "See today's papers"));
    }

    private static async Task<IResult> ShowTokens(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AppDbContext db, IOptions<AccountOptions> options,
        string? newSecret, IReadOnlyList<string> problems, int status, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(http.User) is not { } account)
        {
            return TypedResults.Redirect("/signin?returnUrl=%2Fsettings%2Ftokens");
        }
        var rows = await db.AccessTokens.Where(t => t.AccountId == account.Id && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt))
            .ToListAsync(cancellationToken);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<TokensPage>(new Dictionary<string, object?>
        {
            [nameof(TokensPage.Tokens)] = rows,
            [nameof(TokensPage.NewSecret)] = newSecret,
            [nameof(TokensPage.Problems)] = problems,
            [nameof(TokensPage.MaxDays)] = options.Value.MaxTokenDays,
            [nameof(TokensPage.TokenField)] = tokens.FormFieldName,
            [nameof(TokensPage.TokenValue)] = tokens.RequestToken,
        })
        { StatusCode = status };
    }

    private static async Task<IResult> CreateToken(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AppDbContext db, AccessTokens accessTokens,
        IOptions<AccountOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form || await users.GetUserAsync(http.User) is not { } account)
        {
            return ErrorPages.BadRequest("Send the form as a browser does; this request could not be read as one.");
        }
        var problems = new List<string>();
        var name = AccountForms.Field(form, "name");
        if (name is null || name.Length > 100)
        {
            problems.Add("Give the token a name of up to 100 characters.");
        }
        var max = options.Value.MaxTokenDays;
        if (!int.TryParse(AccountForms.Field(form, "days"), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1 || days > max)
        {
            problems.Add($"A token lives 1 to {max} days.");
        }
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            problems.Add("This form had expired; no token was made. Send it again.");
        }
        if (await db.AccessTokens.CountAsync(t => t.AccountId == account.Id && t.RevokedAt == null, cancellationToken) >= options.Value.MaxTokensPerAccount)
        {
            problems.Add($"An account holds at most {options.Value.MaxTokensPerAccount} tokens; revoke one first.");
        }
        if (problems.Count > 0)
        {
            return await ShowTokens(http, antiforgery, users, db, options, null, problems, StatusCodes.Status400BadRequest, cancellationToken);
        }
        var created = await accessTokens.CreateAsync(account.Id, name!, clock.GetUtcNow().UtcDateTime.AddDays(days), cancellationToken);
        // Shown in this response only (no-store), never stored or redirected with.
        return await ShowTokens(http, antiforgery, users, db, options, created.Secret, [], StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> RevokeToken(long id, HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AccessTokens accessTokens, CancellationToken cancellationToken)
    {
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery) || await users.GetUserAsync(http.User) is not { } account)
        {
            return ErrorPages.BadRequest("The form had expired; reload the page and try again.");
        }
        await accessTokens.RevokeAsync(account.Id, id, cancellationToken);
        return TypedResults.Redirect("/settings/tokens");
    }
}
