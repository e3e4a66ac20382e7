using DailyPapers.Mail;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DailyPapers.Tests.Mail;

/// <summary>The app on a clock the test moves, with subscriptions stored directly and composition run by the test.</summary>
internal sealed class DigestRig(AppFactory app, FakeTimeProvider clock) : IAsyncDisposable
{
    public AppFactory App => app;
    public FakeTimeProvider Clock => clock;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<DigestRig> CreateAsync(Lane lane, DateTimeOffset now, Dictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(now);
        var all = new Dictionary<string, string?>
        {
            ["Site:BaseUrl"] = MailRig.BaseUrl,
            ["Mail:SendInBackground"] = "false",
            ["Mail:ComposeInBackground"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        return new DigestRig(await AppFactory.CreateAsync(lane, all, services => services.AddSingleton<TimeProvider>(clock)), clock);
    }

    public static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.org";

    /// <summary>A confirmed subscription (confirmed a week before the rig's clock unless said otherwise).</summary>
    public async Task<Subscription> SubscribeAsync(string address, Action<Subscription>? configure = null, params string[] savedSearches)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = new Subscription
        {
            Address = address,
            State = SubscriptionState.Confirmed,
            CreatedAt = now.AddDays(-7),
            StateChangedAt = now.AddDays(-7),
            ConfirmedAt = now.AddDays(-7),
        };
        configure?.Invoke(subscription);
        foreach (var query in savedSearches)
        {
            subscription.SavedSearches.Add(new SavedSearch { Query = query, CreatedAt = now.AddDays(-7) });
        }
        await app.WithDbAsync(async db =>
        {
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync(Ct);
        });
        return subscription;
    }

    public async Task<ComposeRun> ComposeAsync(DateOnly? day = null, bool dryRun = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestComposition>().ComposeDueAsync(day, dryRun, Ct);
    }

    /// <summary>Brings the keyword index up to the catalog, as the site's index job does.</summary>
    public async Task IndexAsync() => await app.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(Ct);

    public Task<List<OutboxMessage>> DigestsAsync(long subscriptionId) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.SubscriptionId == subscriptionId && m.Kind == OutboxKinds.Digest).OrderBy(m => m.Id).ToListAsync(Ct));

    public Task<List<long>> SentPaperIdsAsync(long subscriptionId) =>
        app.WithDbAsync(db => db.SentPapers.AsNoTracking().Where(s => s.SubscriptionId == subscriptionId).Select(s => s.PaperId).ToListAsync(Ct));

    public Task<Subscription> ReloadAsync(long subscriptionId) =>
        app.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == subscriptionId, Ct));

    public Task<Dictionary<string, long>> PaperIdsAsync() =>
        app.WithDbAsync(db => db.Papers.AsNoTracking().ToDictionaryAsync(p => p.ArxivId, p => p.Id, Ct));

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
