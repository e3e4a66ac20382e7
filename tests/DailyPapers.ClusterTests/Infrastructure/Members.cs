using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>Accounts made the way a person makes them: sign-up form, the emailed link, sign-in form.</summary>
public static class Members
{
    public const string Password = "correct-horse-battery";

    public static string UniqueName(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    public static string AddressOf(string name) => name.ToLowerInvariant() + "@example.org";

    /// <summary>Signs up and signs in on <paramref name="signUpOn"/>, and opens the confirmation link on <paramref name="confirmOn"/>.</summary>
    public static async Task<Visitor> ConfirmedAsync(Cluster cluster, string name, Uri signUpOn, Uri confirmOn)
    {
        var visitor = new Visitor();
        var client = visitor.On(signUpOn);
        var (signUp, _) = await Forms.SubmitAsync(client, "/signup", "/signup", new() { ["userName"] = name, ["email"] = AddressOf(name), ["password"] = Password });
        Assert.True(signUp.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"sign-up answered {(int)signUp.StatusCode}");
        var confirm = LinkIn(Assert.Single(await cluster.Mail.WaitForAsync(AddressOf(name))), cluster.Proxy, "/account/confirm");
        Assert.Equal(HttpStatusCode.OK, (await visitor.On(confirmOn).GetAsync(confirm, TestContext.Current.CancellationToken)).StatusCode);
        var (signIn, _) = await Forms.SubmitAsync(client, "/signin?returnUrl=%2F", "/signin", new() { ["login"] = name, ["password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return visitor;
    }

    /// <summary>The site-relative link to <paramref name="path"/> in a message's text part (links are built from the proxy's public address).</summary>
    public static string LinkIn(MimeMessage message, Uri site, string path)
    {
        var root = site.GetLeftPart(UriPartial.Authority);
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(root + path) + @"\?[A-Za-z0-9_\-%=&.@]+");
        Assert.True(match.Success, $"no {path} link in: {message.TextBody}");
        return match.Value[root.Length..];
    }
}
