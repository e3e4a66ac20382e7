using System.Threading.RateLimiting;
using DailyPapers.Api;
using DailyPapers.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DailyPapers.Accounts;

public static class AccountSetup
{
    /// <summary>Picks the cookie for pages and the access token for the API (which never reads cookies, so no cross-site form can use it).</summary>
    public const string SiteScheme = "site";

    public const string SignInPolicy = "signin-per-client";
    public const string SignUpPolicy = "signup-per-client";
    public const string WritePolicy = "writes-per-account";

    /// <summary>Identity over the one DbContext, with what the CLI needs too (user and role managers).</summary>
    public static IHostApplicationBuilder AddAccountStore(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        builder.Services.AddOptions<AccountOptions>().Bind(builder.Configuration.GetSection(AccountOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddIdentityCore<Account>(identity =>
        {
            identity.User.RequireUniqueEmail = true;
            identity.User.AllowedUserNameCharacters = UserNames.AllowedCharacters;
            identity.Password.RequiredLength = 10;
            // Length, not character classes, makes a password strong (NIST SP 800-63B).
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = options.LockoutFailures;
            identity.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
            // Unconfirmed accounts may sign in; what they may do is limited (CommunityRules).
            identity.SignIn.RequireConfirmedEmail = false;
        })
            .AddRoles<IdentityRole<long>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<CommunityClaims>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<AccessTokens>();
        builder.Services.AddScoped<Votes>();
        builder.Services.AddScoped<Submissions>();
        builder.Services.AddScoped<Moderation.Moderating>();
        builder.Services.AddScoped<DailyPapers.Ingest.ArxivLookup>();
        return builder;
    }

    /// <summary>The site's part: cookie and token authentication, the account pages' limits, account email.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.AddAccountStore();
        var options = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        builder.Services.AddAuthentication(SiteScheme)
            .AddPolicyScheme(SiteScheme, "Cookie on pages, access token on the API", policy => policy.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments(ApiSetup.Prefix) ? AccessTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "dp_session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over TLS (directly or through a trusted proxy).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.AccessDeniedPath = "/signin";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(30);
            cookie.SlidingExpiration = true;
        });
        // Checked on every request: a changed password, a sign-out everywhere or a disabled account
        // ends every session at once, on every node (the stamp lives in the database).
        builder.Services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Viewer>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInPolicy, http => PerClient(http, options.SignInsPerClientPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(SignUpPolicy, http => PerClient(http, options.SignUpsPerClientPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(WritePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true ? "account:" + http.User.Identity.Name : "client:" + ClientKey(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.WritesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication, since tokens are bound to the signed-in member. Validates posts to
        // endpoints that bind forms; the site's own form handlers check their token themselves.
        app.UseAntiforgery();
        return app;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientKey(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    private static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
