using DailyPapers.Accounts.Views;
using DailyPapers.Mail.Views;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Accounts;

/// <summary>Rendering the one-form account pages and their notices; every form carries a fresh antiforgery token.</summary>
internal static class AccountForms
{
    public static RazorComponentResult<AccountFormPage> Page(HttpContext http, IAntiforgery antiforgery, string heading, string intro, string action, string submit,
        IReadOnlyList<FormField> fields, IReadOnlyList<string>? problems = null, IReadOnlyList<(string Url, string Text)>? links = null, int statusCode = StatusCodes.Status200OK)
    {
        // Sets the antiforgery cookie and Cache-Control: no-store, so no cache keeps this page.
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<AccountFormPage>(new Dictionary<string, object?>
        {
            [nameof(AccountFormPage.Heading)] = heading,
            [nameof(AccountFormPage.Intro)] = intro,
            [nameof(AccountFormPage.Action)] = action,
            [nameof(AccountFormPage.Submit)] = submit,
            [nameof(AccountFormPage.Fields)] = fields,
            [nameof(AccountFormPage.Problems)] = problems ?? [],
            [nameof(AccountFormPage.Links)] = links ?? [],
            [nameof(AccountFormPage.TokenField)] = tokens.FormFieldName,
            [nameof(AccountFormPage.TokenValue)] = tokens.RequestToken!,
        })
        { StatusCode = statusCode };
    }

    public static RazorComponentResult<MailNoticePage> Notice(string heading, string message, (string Url, string Text)? link = null, int statusCode = StatusCodes.Status200OK) =>
        MailNoticePage.Result(heading, message, link, statusCode);

    /// <summary>A form field's single value through the text door, or null when absent or repeated.</summary>
    public static string? Field(IFormCollection form, string name) =>
        form[name] is { Count: 1 } values ? Papers.SafeText.Clean(values[0]) : null;

    /// <summary>A password exactly as typed (spaces count), but never with control characters.</summary>
    public static string? Secret(IFormCollection form, string name) =>
        form[name] is { Count: 1 } values && values[0] is { Length: > 0 and <= 512 } value && !value.Any(char.IsControl) ? value : null;

    /// <summary>Where to go after signing in: a path on this site only, never another origin.</summary>
    public static string LocalReturnUrl(string? given) =>
        given is { Length: > 0 and < 2000 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}
