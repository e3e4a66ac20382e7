using System.Net;
using System.Text.RegularExpressions;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Mail;

namespace DailyPapers.Tests.Comments;

/// <summary>A member using the paper page's comment forms as a browser would: each form read from the page, its token included.</summary>
internal static partial class CommentForms
{
    public static string PageOf(string arxivId) => "/papers/" + arxivId;

    /// <summary>Posts a new comment (or, with <paramref name="parent"/>, a reply) from the paper page; returns the answer and the new comment's id when it was saved.</summary>
    public static async Task<(HttpResponseMessage Response, long? Id)> PostAsync(HttpClient member, string arxivId, string body, long? parent = null, bool notify = false)
    {
        var selector = parent is { } id ? $"#comment-{id} form.comment-form[action='/comments']" : "form.comment-form:not(#comments li form)";
        var fields = await FieldsAsync(member, PageOf(arxivId), selector);
        fields["body"] = body;
        if (notify)
        {
            fields["notify"] = "on";
        }
        var (response, _) = await MailRig.PostFormAsync(member, "/comments", fields);
        return (response, IdIn(response));
    }

    public static async Task<HttpResponseMessage> EditAsync(HttpClient member, string arxivId, long id, string body)
    {
        var fields = await FieldsAsync(member, PageOf(arxivId), $"#comment-{id} form[action='/comments/{id}/edit']");
        fields["body"] = body;
        return (await MailRig.PostFormAsync(member, $"/comments/{id}/edit", fields)).Response;
    }

    public static async Task<HttpResponseMessage> DeleteAsync(HttpClient member, string arxivId, long id) =>
        (await MailRig.PostFormAsync(member, $"/comments/{id}/delete", await FieldsAsync(member, PageOf(arxivId), $"#comment-{id} form[action='/comments/{id}/delete']"))).Response;

    /// <summary>The hidden fields (token included) of the first form on <paramref name="page"/> matching <paramref name="selector"/>.</summary>
    public static async Task<Dictionary<string, string>> FieldsAsync(HttpClient client, string page, string selector)
    {
        var (_, document) = await HtmlPage.GetAsync(client, page);
        var form = document.QuerySelector(selector) ?? throw new InvalidOperationException($"no form {selector} on {page}");
        return form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
    }

    private static long? IdIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && CommentAnchor().Match(response.Headers.Location?.OriginalString ?? "") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex("#comment-([0-9]+)$")]
    private static partial Regex CommentAnchor();
}
