using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DailyPapers.Tests.Mail;

/// <summary>The app with its SMTP transport pointed at a real smtp4dev, and the steps a subscriber takes.</summary>
internal sealed class MailRig(AppFactory app, Smtp4dev? smtp) : IAsyncDisposable
{
    public const string BaseUrl = "https://papers.example.test";

    public AppFactory App => app;
    public Smtp4dev Smtp => smtp ?? throw new InvalidOperationException("This rig has no SMTP server.");
    public HttpClient Client { get; } = app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<MailRig> CreateAsync(Lane lane, Smtp4dev smtp, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = smtp.AppSettings();
        all["Site:BaseUrl"] = BaseUrl;
        // The tests run the sender themselves, so each step is deterministic.
        all["Mail:SendInBackground"] = "false";
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return new MailRig(await AppFactory.CreateAsync(lane, all, services), smtp);
    }

    /// <summary>Fills in and sends the subscribe page's form, as a browser does (with its antiforgery token).</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> SubscribeAsync(string email, HttpClient? client = null)
    {
        client ??= Client;
        var (_, form) = await HtmlPage.GetAsync(client, "/subscribe");
        var token = form.QuerySelector("form[action='/subscribe'] input[type=hidden]")!;
        return await PostFormAsync(client, "/subscribe", new Dictionary<string, string>
        {
            [token.GetAttribute("name")!] = token.GetAttribute("value")!,
            ["email"] = email,
        });
    }

    public static async Task<(HttpResponseMessage Response, IDocument Page)> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        return (response, page);
    }

    public async Task<SendRun> SendAsync() => await app.Services.GetRequiredService<OutboxSender>().RunOnceAsync(Ct);

    public Task<Subscription?> SubscriptionAsync(string address) =>
        app.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Address == address, Ct));

    public Task<int> OutboxCountAsync() => app.WithDbAsync(db => db.Outbox.CountAsync(Ct));

    /// <summary>The site-relative path and query of the first link to <paramref name="path"/> in the text part.</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(BaseUrl + path) + @"\?token=[A-Za-z0-9_\-%]+");
        Assert.True(match.Success, $"no {path} link in: {message.TextBody}");
        return match.Value[BaseUrl.Length..];
    }

    /// <summary>The one-click URL from List-Unsubscribe, site-relative.</summary>
    public static string UnsubscribeLink(MimeMessage message)
    {
        var header = message.Headers["List-Unsubscribe"] ?? "";
        Assert.StartsWith("<" + BaseUrl + "/unsubscribe?token=", header, StringComparison.Ordinal);
        return header.Trim('<', '>')[BaseUrl.Length..];
    }

    /// <summary>Subscribes, delivers, opens the confirmation link: a confirmed address and its confirmation email.</summary>
    public async Task<MimeMessage> SubscribeAndConfirmAsync(string email)
    {
        await SubscribeAsync(email);
        await SendAsync();
        var message = Assert.Single(await Smtp.WaitForAsync(email));
        var confirmed = await Client.GetAsync(LinkIn(message, "/subscribe/confirm"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        return message;
    }

    public async Task QueueDigestAsync(long subscriptionId, string recipient, string period) =>
        await app.WithDbAsync(db => db.QueueAsync(new OutboxMessage
        {
            Key = $"digest:{subscriptionId}:{period}",
            SubscriptionId = subscriptionId,
            Kind = OutboxKinds.Digest,
            Recipient = recipient,
            Subject = "Trending papers " + period,
            Html = "<p>papers</p>",
            Text = "papers",
            CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
            NextAttemptAt = TimeProvider.System.GetUtcNow().UtcDateTime,
        }, Ct));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
