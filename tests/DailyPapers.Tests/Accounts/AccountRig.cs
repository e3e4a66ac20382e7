using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using DailyPapers.Accounts;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Mail;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DailyPapers.Tests.Accounts;

/// <summary>The app with mail going to a real smtp4dev, and the steps a member takes in a browser-like client (cookies kept, redirects not followed).</summary>
internal sealed class AccountRig(AppFactory app, Smtp4dev smtp) : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];

    public AppFactory App => app;

    /// <summary>The site's own clock (UTC), so tests date things as the site does.</summary>
    public DateTime Now => app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<AccountRig> CreateAsync(Lane lane, Smtp4dev smtp, Dictionary<string, string?>? settings = null)
    {
        var all = smtp.AppSettings();
        all["Site:BaseUrl"] = MailRig.BaseUrl;
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return new AccountRig(await AppFactory.CreateAsync(lane, all), smtp);
    }

    /// <summary>
    /// A new visitor: its own cookie jar. Over https, as the site's public address is, so the
    /// session cookie (Secure there) comes back as a browser would send it.
    /// </summary>
    public HttpClient NewVisitor()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        _clients.Add(client);
        return client;
    }

    public static string UniqueName(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    public static string AddressOf(string name) => name.ToLowerInvariant() + "@example.org";

    /// <summary>GETs <paramref name="pageUrl"/>, fills the form posting to <paramref name="action"/> (with its antiforgery token) and sends it.</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Page)> SubmitAsync(HttpClient client, string pageUrl, string action, Dictionary<string, string> fields)
    {
        var (_, page) = await HtmlPage.GetAsync(client, pageUrl);
        // The page's own forms first: the header's sign-out button posts to /signout too.
        var form = page.QuerySelectorAll("main form").Concat(page.QuerySelectorAll("form")).FirstOrDefault(f => f.GetAttribute("action")?.StartsWith(action, StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException($"no form to {action} on {pageUrl}");
        var all = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }
        return await MailRig.PostFormAsync(client, form.GetAttribute("action")!, all);
    }

    public async Task<(HttpResponseMessage Response, IDocument Page)> SignUpAsync(HttpClient client, string name, string email, string password = "correct-horse-battery") =>
        await SubmitAsync(client, "/signup", "/signup", new() { ["userName"] = name, ["email"] = email, ["password"] = password });

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password = "correct-horse-battery", string returnUrl = "/") =>
        (await SubmitAsync(client, "/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), "/signin", new() { ["login"] = login, ["password"] = password })).Response;

    public async Task<SendRun> SendMailAsync() => await app.Services.GetRequiredService<OutboxSender>().RunOnceAsync(Ct);

    /// <summary>Delivers the outbox and returns the messages that reached <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string address, int count = 1)
    {
        await SendMailAsync();
        return await smtp.WaitForAsync(address, count);
    }

    /// <summary>The site-relative link to <paramref name="path"/> in a message's text part.</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(MailRig.BaseUrl + path) + @"\?[A-Za-z0-9_\-%=&.@]+");
        Assert.True(match.Success, $"no {path} link in: {message.TextBody}");
        return match.Value[MailRig.BaseUrl.Length..];
    }

    /// <summary>Signs up, confirms by the emailed link and signs in: a confirmed member's client.</summary>
    public async Task<HttpClient> ConfirmedMemberAsync(string name)
    {
        var client = NewVisitor();
        await SignUpAsync(client, name, AddressOf(name));
        var confirm = LinkIn(Assert.Single(await MailToAsync(AddressOf(name))), "/account/confirm");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(confirm, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, name)).StatusCode);
        return client;
    }

    /// <summary>Makes an access token on the tokens page and reads the secret it shows once.</summary>
    public static async Task<string> CreateTokenAsync(HttpClient member, string name = "script", int days = 30)
    {
        var (response, page) = await SubmitAsync(member, "/settings/tokens", "/settings/tokens", new() { ["name"] = name, ["days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var secret = page.QuerySelector(".token-secret")?.TextContent;
        Assert.StartsWith(AccessTokens.Prefix, secret, StringComparison.Ordinal);
        return secret!;
    }

    public HttpClient WithToken(string token)
    {
        var client = NewVisitor();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await app.DisposeAsync();
    }
}
