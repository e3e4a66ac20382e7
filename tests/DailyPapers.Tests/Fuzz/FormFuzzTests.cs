using System.Globalization;
using System.Text;
using DailyPapers.Mail;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Every POST form the site shows (found by reading its pages, <see cref="FuzzForms"/>), posted
/// with each field in turn set to every hostile value (the others as the page filled them, its
/// antiforgery token included), plus seeded random mixes. No answer is a 5xx, and no HTML body
/// carries a reflected marker unescaped.
/// </summary>
public sealed class FormFuzzTests
{
    private const int DefaultSeed = 20261206;

    /// <summary>Posts per form beyond the one-field-at-a-time sweep: several hostile fields at once.</summary>
    private const int MixedPostsPerForm = 30;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The fuzz is about what the handlers do with the fields; rate limits would turn most posts into 429s before the handler runs.</summary>
    private static readonly Dictionary<string, string?> NoRateLimits = new()
    {
        [$"{MailOptions.Section}:{nameof(MailOptions.SubscribesPerClientPerMinute)}"] = "100000",
        [$"{MailOptions.Section}:{nameof(MailOptions.SubscribesPerAddressPerHour)}"] = "100000",
    };

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoFormAnswersHostileFieldsWithA5xxOrReflectsThemUnescaped(Lane lane)
    {
        await using var app = await FuzzCatalog.CreateAsync(lane, NoRateLimits);
        var client = app.CreateClient();
        var forms = await FuzzForms.DiscoverAsync(client, await FuzzRoutes.DiscoverAsync(app, client), await LinkedPagesAsync(app), Ct);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DAILYPAPERS_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var random = new Random(seed);
        var log = TestContext.Current.TestOutputHelper!;
        log.WriteLine($"seed {seed}, {forms.Count} forms");

        // The discovery must see the forms this site is known to have, or it has lost track of the pages.
        Assert.Contains(forms, f => f.Action.StartsWith("/subscribe", StringComparison.Ordinal));
        Assert.Contains(forms, f => f.Action.StartsWith("/preferences", StringComparison.Ordinal));

        var failures = await FuzzAsync(client, forms, random);
        Assert.True(failures.Count == 0, $"{failures.Count} posts failed (seed {seed}); each kind of failure with its first post:\n"
            + string.Join('\n', failures.GroupBy(f => f.Problem).Select(g => $"{g.Count()} × {g.Key}\n    first: {g.First().Request}")));
    }

    /// <summary>
    /// The forms only a confirmed member is shown (the paper page's comment, reply, edit and
    /// delete forms, with the member's own token), fuzzed like the anonymous ones. The stored
    /// hostile comments are then rendered on the page each redirect leads back to, so the marker
    /// check covers the Markdown renderer too.
    /// </summary>
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoMemberFormAnswersHostileFieldsWithA5xxOrRendersThemUnescaped(Lane lane)
    {
        var settings = new Dictionary<string, string?>(NoRateLimits)
        {
            ["Accounts:WritesPerMinute"] = "10000",
            ["Comments:PausePerThread"] = "00:00:00",
        };
        await using var app = await FuzzCatalog.CreateAsync(lane, settings);
        var member = app.CreateClient();
        await SignInConfirmedMemberAsync(app, member);
        var paperPage = "/papers/" + FuzzCatalog.PaperId;
        await MailRig.PostFormAsync(member, "/comments", await HiddenFieldsAsync(member, paperPage, "form.comment-form", new() { ["body"] = "A comment to answer." }));
        var forms = (await FuzzForms.DiscoverAsync(member, [], [paperPage], Ct))
            .Where(f => f.Action.StartsWith("/comments", StringComparison.Ordinal)).ToList();
        TestContext.Current.TestOutputHelper!.WriteLine($"{forms.Count} member forms");

        Assert.Contains(forms, f => f.Action == "/comments" && f.HasAntiforgeryToken);
        Assert.Contains(forms, f => f.Action.EndsWith("/edit", StringComparison.Ordinal));
        var failures = await FuzzAsync(member, forms, new Random(DefaultSeed));

        Assert.True(failures.Count == 0, $"{failures.Count} member posts failed; each kind of failure with its first post:\n"
            + string.Join('\n', failures.GroupBy(f => f.Problem).Select(g => $"{g.Count()} × {g.Key}\n    first: {g.First().Request}")));
        Assert.True(await app.WithDbAsync(db => db.Comments.CountAsync(Ct)) > 1, "no fuzzed comment was accepted: the forms were not exercised");
    }

    /// <summary>
    /// The forms only a moderator is shown (hide a paper and remove a comment on the paper page,
    /// disable an account on another member's profile), posted as a moderator with hostile fields.
    /// The account form is fuzzed last: its own values would disable the member, and the moderator
    /// must stay one while the others run.
    /// </summary>
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoModeratorFormAnswersHostileFieldsWithA5xxOrReflectsThemUnescaped(Lane lane)
    {
        var settings = new Dictionary<string, string?>(NoRateLimits)
        {
            ["Accounts:WritesPerMinute"] = "10000",
            ["Comments:PausePerThread"] = "00:00:00",
        };
        await using var app = await FuzzCatalog.CreateAsync(lane, settings);
        var member = app.CreateClient();
        await SignInConfirmedMemberAsync(app, member, "member", "member@example.test");
        var paperPage = "/papers/" + FuzzCatalog.PaperId;
        await MailRig.PostFormAsync(member, "/comments", await HiddenFieldsAsync(member, paperPage, "form.comment-form", new() { ["body"] = "A comment to remove." }));
        var moderator = app.CreateClient();
        await SignInConfirmedMemberAsync(app, moderator);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var granted = await scope.ServiceProvider.GetRequiredService<DailyPapers.Moderation.Moderating>().SetAdminAsync("fuzzer", admin: true, Ct);
            Assert.True(granted.Done, granted.Message);
        }
        var forms = (await FuzzForms.DiscoverAsync(moderator, [], [paperPage, "/users/member"], Ct))
            .Where(f => f.Action.StartsWith("/moderation/", StringComparison.Ordinal))
            .OrderBy(f => f.Action.StartsWith("/moderation/accounts", StringComparison.Ordinal)).ToList();
        TestContext.Current.TestOutputHelper!.WriteLine($"{forms.Count} moderator forms");

        Assert.Contains(forms, f => f.Action == "/moderation/papers" && f.HasAntiforgeryToken);
        Assert.Contains(forms, f => f.Action == "/moderation/comments");
        Assert.Contains(forms, f => f.Action == "/moderation/accounts");
        var failures = await FuzzAsync(moderator, forms, new Random(DefaultSeed));

        Assert.True(failures.Count == 0, $"{failures.Count} moderator posts failed; each kind of failure with its first post:\n"
            + string.Join('\n', failures.GroupBy(f => f.Problem).Select(g => $"{g.Count()} × {g.Key}\n    first: {g.First().Request}")));
        Assert.True(await app.WithDbAsync(db => db.ModerationActions.CountAsync(Ct)) > 1, "no moderator action was taken: the forms were not exercised");
    }

    private static async Task<List<(string Problem, string Request)>> FuzzAsync(HttpClient client, IReadOnlyList<FuzzForm> forms, Random random)
    {
        var log = TestContext.Current.TestOutputHelper!;
        List<(string Problem, string Request)> failures = [];
        foreach (var form in forms)
        {
            var statuses = new SortedDictionary<int, int>();
            foreach (var hostile in Posts(form, random))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
                {
                    Content = new StringContent(form.Body(hostile), Encoding.ASCII, "application/x-www-form-urlencoded"),
                };
                var (status, problem) = await FuzzResponses.SendAsync(client, request, Ct);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (problem is not null)
                {
                    failures.Add((problem, $"POST {FuzzResponses.Shorten(form.Action)} [{string.Join(", ", hostile.Select(h => $"{h.Key}={h.Value.Name}"))}]"));
                }
            }
            log.WriteLine($"POST {FuzzResponses.Shorten(form.Action)} (from {FuzzResponses.Shorten(form.FoundOn)}; fields {string.Join(", ", form.FieldNames)}): "
                + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        }
        return failures;
    }

    /// <summary>Signs up through the form, confirms the address in the database (the mail itself is another test's subject) and signs in.</summary>
    private static async Task SignInConfirmedMemberAsync(AppFactory app, HttpClient client, string name = "fuzzer", string email = "fuzzer@example.test")
    {
        const string Password = "correct-horse-battery";
        await MailRig.PostFormAsync(client, "/signup", await HiddenFieldsAsync(client, "/signup", "form[action^='/signup']", new() { ["userName"] = name, ["email"] = email, ["password"] = Password }));
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == name).ExecuteUpdateAsync(a => a.SetProperty(x => x.EmailConfirmed, true), Ct));
        await MailRig.PostFormAsync(client, "/signin", await HiddenFieldsAsync(client, "/signin", "form[action^='/signin']", new() { ["login"] = name, ["password"] = Password }));
    }

    private static async Task<Dictionary<string, string>> HiddenFieldsAsync(HttpClient client, string page, string selector, Dictionary<string, string> fields)
    {
        var (_, document) = await HtmlPage.GetAsync(client, page);
        var form = document.QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector} on {page}");
        var all = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (key, value) in fields)
        {
            all[key] = value;
        }
        return all;
    }

    /// <summary>
    /// A cross-site post: each form filled in as a user would (empty text fields given a value),
    /// sent from another client, without the antiforgery cookie or token, changes nothing. The one
    /// exception is the RFC 8058 one-click unsubscribe, which mail programs post without cookies and
    /// whose signed token in the link is what authorizes it.
    /// </summary>
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoFormChangesAnythingWhenPostedWithoutItsAntiforgeryToken(Lane lane)
    {
        await using var app = await FuzzCatalog.CreateAsync(lane);
        var client = app.CreateClient();
        var forms = await FuzzForms.DiscoverAsync(client, await FuzzRoutes.DiscoverAsync(app, client), await LinkedPagesAsync(app), Ct);
        Assert.NotEmpty(forms);
        var crossSite = app.CreateClient();
        foreach (var form in forms.Where(f => !f.Action.StartsWith("/unsubscribe?", StringComparison.Ordinal)))
        {
            foreach (var filledIn in FilledIn(form))
            {
                var before = await StateAsync(app);
                using var response = await crossSite.PostAsync(form.Action, new FormUrlEncodedContent(filledIn), Ct);
                Assert.True((int)response.StatusCode < 500, $"POST {form.Action}: {(int)response.StatusCode}");
                Assert.True(before == await StateAsync(app), $"POST {form.Action} without its antiforgery token changed {before} to {await StateAsync(app)}");
            }
        }
    }

    /// <summary>The form without its token as it stands, then once for each empty field with that one filled in (an address where the name asks for one).</summary>
    private static IEnumerable<List<KeyValuePair<string, string>>> FilledIn(FuzzForm form)
    {
        var fields = form.Fields.Where(f => f.Key != FuzzForms.AntiforgeryField).ToList();
        yield return fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Value.Length == 0)
            {
                var filled = fields.ToList();
                filled[i] = new(fields[i].Key, fields[i].Key.Contains("email", StringComparison.Ordinal) ? "cross-site@example.test" : "cross site probe");
                yield return filled;
            }
        }
    }

    /// <summary>What a successful post of any of the site's forms adds to: subscriptions, saved searches, queued mail.</summary>
    private static Task<(int Subscriptions, int SavedSearches, int Outbox)> StateAsync(AppFactory app) =>
        app.WithDbAsync(async db => (await db.Subscriptions.CountAsync(Ct), await db.SavedSearches.CountAsync(Ct), await db.Outbox.CountAsync(Ct)));

    /// <summary>
    /// Each field alone with each hostile value, an unknown field the handler must ignore, then
    /// <see cref="MixedPostsPerForm"/> posts giving two to four fields random values at once.
    /// </summary>
    private static IEnumerable<Dictionary<string, RequestValue>> Posts(FuzzForm form, Random random)
    {
        yield return [];
        var names = form.FieldNames.Append("unexpected_field").ToList();
        foreach (var name in names)
        {
            foreach (var value in RequestValues.All)
            {
                yield return new() { [name] = value };
            }
        }
        for (var i = 0; i < MixedPostsPerForm; i++)
        {
            yield return names.OrderBy(_ => random.Next()).Take(random.Next(2, 5))
                .ToDictionary(name => name, _ => RequestValues.All[random.Next(RequestValues.All.Length)]);
        }
    }

    /// <summary>Pages no route with good values reaches, only a mailed link: a subscriber's preferences and unsubscribe pages.</summary>
    private static async Task<string[]> LinkedPagesAsync(AppFactory app)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var subscription = new Subscription
        {
            Address = "fuzz@example.test",
            State = SubscriptionState.Confirmed,
            CreatedAt = now,
            StateChangedAt = now,
            ConfirmedAt = now,
        };
        subscription.SavedSearches.Add(new SavedSearch { Query = "graph networks", CreatedAt = now });
        await app.WithDbAsync(async db =>
        {
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync(Ct);
        });
        var links = app.Services.GetRequiredService<SignedLinks>();
        return
        [
            "/preferences?token=" + Uri.EscapeDataString(await links.CreateAsync(LinkPurpose.Preferences, subscription, Ct)),
            "/unsubscribe?token=" + Uri.EscapeDataString(await links.CreateAsync(LinkPurpose.Unsubscribe, subscription, Ct)),
        ];
    }
}
