using System.Diagnostics;
using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Mail;
using DailyPapers.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>digest-compose DATA_DIR [N] [SEED]</c>: adds N confirmed subscriptions with varied schedules,
/// zones, topic filters and (for a third of them) a saved search to the catalog in DATA_DIR, then
/// times one composition of everything due at the end of the catalog's latest feed day, the way
/// <c>digest compose --date</c> runs it, and prints the outcome counts and the process's peak RSS.
/// Use a copy of a catalog: the subscriptions and their outbox rows stay in it.
/// </summary>
internal static class DigestCompose
{
    private static readonly string[] Categories = ["cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.RO", "stat.ML", "cs", "eess"];
    private static readonly string[] Keywords = ["diffusion", "language model", "robot", "reasoning", "video", "agent", "benchmark", "survey"];
    private static readonly string[] Searches = ["diffusion policy", "mixture of experts", "retrieval augmented generation", "speech recognition", "protein structure", "reinforcement learning from human feedback"];
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland", "Asia/Tokyo", "America/New_York"];

    public static async Task<int> RunAsync(string data, int count, int seed)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        await host.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var day = await db.DailyEntries.LatestDayAsync(CancellationToken.None) ?? throw new InvalidOperationException("the catalog has no feed days");
        await AddSubscriptionsAsync(db, count, seed);

        var started = Stopwatch.GetTimestamp();
        var run = await scope.ServiceProvider.GetRequiredService<DigestComposition>().ComposeDueAsync(day, dryRun: false, CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} subscriptions (seed {seed}), due at the end of {day:yyyy-MM-dd}: composed {run.Composed}, skipped {run.Skipped}, already {run.AlreadyComposed} " +
            $"in {seconds:F1} s ({run.Composed / Math.Max(seconds, 0.001):F0} digests/s); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB; load {EmbedThroughput.LoadAverage()}"));
        return 0;
    }

    private static async Task AddSubscriptionsAsync(AppDbContext db, int count, int seed)
    {
        var random = new Random(seed);
        var confirmed = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var subscription = new Subscription
            {
                Address = string.Create(CultureInfo.InvariantCulture, $"bench.{seed}.{i}@example.org"),
                State = SubscriptionState.Confirmed,
                CreatedAt = confirmed,
                ConfirmedAt = confirmed,
                StateChangedAt = confirmed,
                Frequency = (DigestFrequency)random.Next(4),
                SendHour = random.Next(24),
                TimeZone = Zones[random.Next(Zones.Length)],
                PapersPerDigest = random.Next(3) == 0 ? 50 : 10,
                IncludeCategories = random.Next(3) == 0 ? Categories[random.Next(Categories.Length)] : null,
                ExcludeCategories = random.Next(5) == 0 ? Categories[random.Next(Categories.Length)] : null,
                IncludeKeywords = random.Next(4) == 0 ? Keywords[random.Next(Keywords.Length)] : null,
                ExcludeKeywords = random.Next(6) == 0 ? Keywords[random.Next(Keywords.Length)] : null,
                NeverSendTwice = random.Next(10) != 0,
            };
            if (random.Next(3) == 0)
            {
                subscription.SavedSearches.Add(new SavedSearch { Query = Searches[random.Next(Searches.Length)], CreatedAt = confirmed });
            }
            db.Subscriptions.Add(subscription);
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
