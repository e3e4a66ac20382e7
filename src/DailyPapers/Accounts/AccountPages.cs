using DailyPapers.Accounts.Views;
using DailyPapers.Data;
using DailyPapers.Mail;
using DailyPapers.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace DailyPapers.Accounts;

/// <summary>
/// Sign up, sign in and out, email confirmation, password reset. No page tells a visitor whether an
/// address has an account: sign-up and reset answer "check your inbox" in every case, and the
/// mailbox owner alone learns which case it was. None of these pages is cached.
/// </summary>
public static class AccountPages
{
    private const string CheckInbox = "Check your inbox";

    public static WebApplication MapAccountPages(this WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().DisableAntiforgery();
        pages.MapGet("/signup", ShowSignUp);
        pages.MapPost("/signup", SignUp).RequireRateLimiting(AccountSetup.SignUpPolicy);
        pages.MapGet("/signin", ShowSignIn);
        pages.MapPost("/signin", SignIn).RequireRateLimiting(AccountSetup.SignInPolicy);
        pages.MapGet("/signout", ShowSignOut);
        pages.MapPost("/signout", SignOut);
        pages.MapGet("/account/confirm", ConfirmEmail);
        pages.MapPost("/account/confirm/resend", ResendConfirmation).RequireAuthorization().RequireRateLimiting(AccountSetup.SignUpPolicy);
        pages.MapGet("/account/forgot", ShowForgot);
        pages.MapPost("/account/forgot", Forgot).RequireRateLimiting(AccountSetup.SignUpPolicy);
        pages.MapGet("/account/reset", ShowReset);
        pages.MapPost("/account/reset", Reset).RequireRateLimiting(AccountSetup.SignInPolicy);
        return app;
    }

    private static IReadOnlyList<FormField> SignUpFields(string? userName = null, string? email = null) =>
    [
        new("userName", "User name", Value: userName, Autocomplete: "username", MaxLength: AccountModel.UserNameMaxLength, Hint: "Letters, digits and single hyphens; shown on your submissions and comments."),
        new("email", "Email address", "email", email, "email", EmailAddress.MaxLength, "We send a confirmation link; it is never shown to anyone."),
        new("password", "Password", "password", Autocomplete: "new-password", MaxLength: 512, Hint: "At least 10 characters."),
    ];

    private static RazorComponentResult<AccountFormPage> ShowSignUp(HttpContext http, IAntiforgery antiforgery) =>
        AccountForms.Page(http, antiforgery, "Create an account", "Upvote, discuss and submit papers.", "/signup", "Create account", SignUpFields(),
            links: [("/signin", "I have an account: sign in")]);

    private static async Task<IResult> SignUp(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AccountEmails emails, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return ErrorPages.BadRequest("Send the sign-up form as a browser does; this request could not be read as one.");
        }
        var givenName = AccountForms.Field(form, "userName");
        var givenEmail = AccountForms.Field(form, "email");
        var password = AccountForms.Secret(form, "password");
        var problems = new List<string>();
        if (!UserNames.TryParse(givenName, out var userName, out var nameProblem))
        {
            problems.Add(nameProblem);
        }
        var email = EmailAddress.Normalize(givenEmail, out var emailProblem);
        if (email is null)
        {
            problems.Add(emailProblem ?? "Enter one email address.");
        }
        if (password is null)
        {
            problems.Add("Enter a password.");
        }
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            problems.Add("This form had expired; nothing was saved. Send it again.");
        }
        if (problems.Count == 0 && userName is not null && await users.FindByNameAsync(userName) is not null)
        {
            // User names are public (they sign every submission), so saying it is taken reveals nothing.
            problems.Add("That user name is taken; choose another.");
        }
        if (problems.Count == 0)
        {
            var account = new Account { UserName = userName, Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, account, password!);
                problems.AddRange(check.Errors.Select(e => e.Description));
            }
            if (problems.Count == 0)
            {
                if (await users.FindByEmailAsync(email!) is { } existing)
                {
                    // Same work and same answer as a new account, so the visitor cannot tell.
                    users.PasswordHasher.HashPassword(account, password!);
                    emails.AlreadyRegistered(existing);
                    await db.SaveChangesAsync(cancellationToken);
                    return SignedUpNotice(email!);
                }
                var created = await users.CreateAsync(account, password!);
                if (created.Succeeded)
                {
                    emails.Confirm(account, await users.GenerateEmailConfirmationTokenAsync(account));
                    await db.SaveChangesAsync(cancellationToken);
                    return SignedUpNotice(email!);
                }
                // A name or address that arrived twice at once: the unique indexes decided.
                problems.AddRange(created.Errors.Select(e => e.Code is "DuplicateEmail" ? "Could not create the account; try again." : e.Description));
            }
        }
        return AccountForms.Page(http, antiforgery, "Create an account", "Upvote, discuss and submit papers.", "/signup", "Create account",
            SignUpFields(givenName, givenEmail), problems, [("/signin", "I have an account: sign in")], StatusCodes.Status400BadRequest);
    }

    private static RazorComponentResult<Mail.Views.MailNoticePage> SignedUpNotice(string email) => AccountForms.Notice(CheckInbox,
        $"If {email} can receive email, a message is on its way with a link to confirm the account. Sign in meanwhile; votes, comments and submissions open once the address is confirmed.",
        ("/signin", "Sign in"));

    private static IReadOnlyList<FormField> SignInFields(string? login = null) =>
    [
        new("login", "User name or email", Value: login, Autocomplete: "username", MaxLength: EmailAddress.MaxLength),
        new("password", "Password", "password", Autocomplete: "current-password", MaxLength: 512),
        new("remember", "Keep me signed in on this device", "checkbox", Required: false),
    ];

    private static RazorComponentResult<AccountFormPage> ShowSignIn(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        SignInPage(http, antiforgery, returnUrl, null, [], StatusCodes.Status200OK);

    private static RazorComponentResult<AccountFormPage> SignInPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? login, IReadOnlyList<string> problems, int status) =>
        AccountForms.Page(http, antiforgery, "Sign in", "Sign in to upvote, discuss and submit papers.",
            "/signin?returnUrl=" + Uri.EscapeDataString(AccountForms.LocalReturnUrl(returnUrl)), "Sign in", SignInFields(login), problems,
            [("/signup", "Create an account"), ("/account/forgot", "Forgot the password?")], status);

    private static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, SignInManager<Account> signIn, string? returnUrl, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return ErrorPages.BadRequest("Send the sign-in form as a browser does; this request could not be read as one.");
        }
        var login = AccountForms.Field(form, "login");
        var password = AccountForms.Secret(form, "password");
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return SignInPage(http, antiforgery, returnUrl, login, ["This form had expired; send it again."], StatusCodes.Status400BadRequest);
        }
        var account = login is null ? null
            : login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(EmailAddress.Normalize(login, out _) ?? login) : await users.FindByNameAsync(login);
        if (account is null || password is null)
        {
            // Spend the time a real check takes, so the answer's timing does not say the account is missing.
            users.PasswordHasher.HashPassword(new Account(), password ?? "-");
            return SignInPage(http, antiforgery, returnUrl, login, [WrongCredentials], StatusCodes.Status400BadRequest);
        }
        var remember = AccountForms.Field(form, "remember") == "true";
        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return SignInPage(http, antiforgery, returnUrl, login, [WrongCredentials], StatusCodes.Status400BadRequest);
        }
        if (account.DisabledAt is not null)
        {
            // Only someone who knows the password learns this.
            return SignInPage(http, antiforgery, returnUrl, login, ["This account was disabled by the moderators."], StatusCodes.Status403Forbidden);
        }
        await signIn.SignInAsync(account, isPersistent: remember);
        return TypedResults.Redirect(AccountForms.LocalReturnUrl(returnUrl));
    }

    private const string WrongCredentials =
        "That user name or email and password do not match an account that may sign in now. After several failures in a row an account is locked for a while; the password can be reset.";

    private static RazorComponentResult<AccountFormPage> ShowSignOut(HttpContext http, IAntiforgery antiforgery) =>
        AccountForms.Page(http, antiforgery, "Sign out", "Sign out of DailyPapers on this device.", "/signout", "Sign out", []);

    /// <summary>The header's button posts without a token (the pages around it may be cached); such a post gets a form that has one.</summary>
    private static async Task<IResult> SignOut(HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn)
    {
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return ShowSignOut(http, antiforgery);
        }
        await signIn.SignOutAsync();
        return TypedResults.Redirect("/");
    }

    private static async Task<IResult> ConfirmEmail(string? user, string? code, UserManager<Account> users)
    {
        var account = long.TryParse(user, out var id) ? await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (account is null || string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return InvalidLink();
        }
        if (account.EmailConfirmed)
        {
            return AccountForms.Notice("Already confirmed", $"The account {account.UserName} is confirmed.", ("/", "See today's papers"));
        }
        var confirmed = await users.ConfirmEmailAsync(account, code);
        return confirmed.Succeeded
            ? AccountForms.Notice("Account confirmed", $"Welcome, {account.UserName}: you can now upvote, comment and submit papers.", ("/", "See today's papers"))
            : InvalidLink();
    }

    private static RazorComponentResult<Mail.Views.MailNoticePage> InvalidLink() => AccountForms.Notice("This link does not work",
        "The link is not valid, was already used or has expired. Ask for a new one.", ("/account/forgot", "Reset the password"), StatusCodes.Status400BadRequest);

    private static async Task<IResult> ResendConfirmation(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AccountEmails emails, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery) || await users.GetUserAsync(http.User) is not { } account)
        {
            return ErrorPages.BadRequest("The form had expired; reload the page and try again.");
        }
        if (!account.EmailConfirmed)
        {
            emails.Confirm(account, await users.GenerateEmailConfirmationTokenAsync(account));
            await db.SaveChangesAsync(cancellationToken);
        }
        return AccountForms.Notice(CheckInbox, $"A new confirmation link is on its way to {account.Email}.");
    }

    private static RazorComponentResult<AccountFormPage> ShowForgot(HttpContext http, IAntiforgery antiforgery) => ForgotPage(http, antiforgery, null, [], StatusCodes.Status200OK);

    private static RazorComponentResult<AccountFormPage> ForgotPage(HttpContext http, IAntiforgery antiforgery, string? email, IReadOnlyList<string> problems, int status) =>
        AccountForms.Page(http, antiforgery, "Reset the password", "We email a link to choose a new password to the account's address.", "/account/forgot", "Send the link",
            [new("email", "Email address", "email", email, "email", EmailAddress.MaxLength)], problems, [("/signin", "Sign in")], status);

    private static async Task<IResult> Forgot(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, AccountEmails emails, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return ErrorPages.BadRequest("Send the form as a browser does; this request could not be read as one.");
        }
        var given = AccountForms.Field(form, "email");
        var email = EmailAddress.Normalize(given, out var problem);
        if (email is null || !await PostedForm.HasValidTokenAsync(http, antiforgery))
        {
            return ForgotPage(http, antiforgery, given, [problem ?? "This form had expired; send it again."], StatusCodes.Status400BadRequest);
        }
        if (await users.FindByEmailAsync(email) is { DisabledAt: null } account)
        {
            emails.Reset(account, await users.GeneratePasswordResetTokenAsync(account));
            await db.SaveChangesAsync(cancellationToken);
        }
        return AccountForms.Notice(CheckInbox, $"If {email} belongs to an account, a link to choose a new password is on its way to it.");
    }

    private static IReadOnlyList<FormField> ResetFields(string user, string code) =>
    [
        new("user", "Account", "hidden", user),
        new("code", "Code", "hidden", code, MaxLength: 2000),
        new("password", "New password", "password", Autocomplete: "new-password", MaxLength: 512, Hint: "At least 10 characters."),
    ];

    private static IResult ShowReset(HttpContext http, IAntiforgery antiforgery, string? user, string? code) =>
        string.IsNullOrEmpty(user) || string.IsNullOrEmpty(code) || code.Length > 2000
            ? InvalidLink()
            : AccountForms.Page(http, antiforgery, "Choose a new password", "Signing in with the new password works at once; every other session ends.", "/account/reset", "Save the password", ResetFields(user, code));

    private static async Task<IResult> Reset(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return ErrorPages.BadRequest("Send the form as a browser does; this request could not be read as one.");
        }
        var user = AccountForms.Field(form, "user") ?? "";
        var code = AccountForms.Field(form, "code") ?? "";
        var password = AccountForms.Secret(form, "password");
        if (!await PostedForm.HasValidTokenAsync(http, antiforgery) || password is null)
        {
            return AccountForms.Page(http, antiforgery, "Choose a new password", "Enter the new password.", "/account/reset", "Save the password",
                ResetFields(user, code), ["Enter a new password (the form may have expired; send it again)."], statusCode: StatusCodes.Status400BadRequest);
        }
        var account = long.TryParse(user, out var id) ? await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        if (account is null)
        {
            return InvalidLink();
        }
        var reset = await users.ResetPasswordAsync(account, code, password);
        if (reset.Succeeded)
        {
            // Whoever could not sign in may have been locked out by someone guessing; the reset ends that.
            await users.SetLockoutEndDateAsync(account, null);
            await users.ResetAccessFailedCountAsync(account);
            return AccountForms.Notice("Password changed", "Sign in with the new password.", ("/signin", "Sign in"));
        }
        if (reset.Errors.Any(e => e.Code == "InvalidToken"))
        {
            return InvalidLink();
        }
        return AccountForms.Page(http, antiforgery, "Choose a new password", "Enter the new password.", "/account/reset", "Save the password",
            ResetFields(user, code), [.. reset.Errors.Select(e => e.Description)], statusCode: StatusCodes.Status400BadRequest);
    }
}
