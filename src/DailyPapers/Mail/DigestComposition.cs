using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>What a composition run did (or, dry, would do): one line per subscription it acted on.</summary>
public sealed record ComposeRun(int Composed, int Skipped, int AlreadyComposed, IReadOnlyList<string> Lines);

/// <summary>
/// Composes every due digest into the outbox, where the sender takes it. Due: the subscription is
/// confirmed and not bouncing, its latest period (<see cref="DigestSchedule.LatestDue"/>) fell due
/// after it was confirmed, and that period has been neither composed nor skipped. Work is derived
/// from the database alone, so a run killed halfway leaves the rest for the next run; a digest and
/// the papers it records as sent commit together, under the outbox's unique key, so composing a
/// period twice (two nodes, a retry) writes it once.
/// </summary>
public sealed class DigestComposition(AppDbContext db, DigestComposer composer, DigestWriter writer, TimeProvider clock)
{
    /// <summary>Subscriptions loaded whole (with saved searches) per round trip.</summary>
    private const int Batch = 200;

    private sealed record Candidate(long Id, DigestFrequency Frequency, int SendHour, string TimeZone, DateTime? ConfirmedAt, string? LastPeriodKey);

    /// <summary>
    /// Composes what is due now, or with <paramref name="day"/> what is due at the end of that day in
    /// each subscriber's zone; <paramref name="dryRun"/> drafts and reports but writes nothing.
    /// </summary>
    public async Task<ComposeRun> ComposeDueAsync(DateOnly? day, bool dryRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await FindDueAsync(day, now, cancellationToken);
        var lines = new List<string>();
        int composed = 0, skipped = 0, existing = 0;
        foreach (var chunk in due.Chunk(Batch))
        {
            var ids = chunk.Select(d => d.Id).ToList();
            var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.SavedSearches)
                .Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            foreach (var (id, period, note) in chunk)
            {
                if (!subscriptions.TryGetValue(id, out var subscription))
                {
                    continue;
                }
                var draft = await composer.DraftAsync(subscription, period, now, note, cancellationToken);
                var outcome = dryRun ? writer.Predict(draft) : await writer.WriteAsync(draft, now, cancellationToken);
                switch (outcome)
                {
                    case DigestOutcome.Composed:
                        composed++;
                        break;
                    case DigestOutcome.Skipped:
                        skipped++;
                        break;
                    default:
                        existing++;
                        break;
                }
                lines.Add(Describe(draft, outcome, dryRun));
            }
        }
        return new ComposeRun(composed, skipped, existing, lines);
    }

    /// <summary>The next digest of one subscription, as it would be composed now: for the preview page and <c>digest preview</c>.</summary>
    public async Task<DigestDraft> PreviewAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = DigestSchedule.Zone(subscription.TimeZone, out var note);
        var period = DigestSchedule.Next(subscription.Frequency, subscription.SendHour, zone, now);
        if (subscription.SavedSearches.Count == 0)
        {
            subscription.SavedSearches = await db.SavedSearches.AsNoTracking().Where(s => s.SubscriptionId == subscription.Id).ToListAsync(cancellationToken);
        }
        return await composer.DraftAsync(subscription, period, now, note, cancellationToken);
    }

    /// <summary>
    /// A light scan of every deliverable subscription (no saved searches, no papers): its due period,
    /// then which of those keys the outbox already holds. A key found there (composed by a run that
    /// died before noting it) is noted now and left alone.
    /// </summary>
    private async Task<List<(long Id, DigestPeriod Period, string? Note)>> FindDueAsync(DateOnly? day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await db.Subscriptions.AsNoTracking()
            .Where(s => s.State == SubscriptionState.Confirmed && s.BouncingSince == null)
            .OrderBy(s => s.Id)
            .Select(s => new Candidate(s.Id, s.Frequency, s.SendHour, s.TimeZone, s.ConfirmedAt, s.LastPeriodKey))
            .ToListAsync(cancellationToken);
        var due = new List<(long Id, DigestPeriod Period, string? Note)>();
        foreach (var candidate in candidates)
        {
            var zone = DigestSchedule.Zone(candidate.TimeZone, out var note);
            var at = day is { } d ? DigestSchedule.EndOfDay(d, zone) : now;
            var period = DigestSchedule.LatestDue(candidate.Frequency, candidate.SendHour, zone, at);
            var confirmedAt = candidate.ConfirmedAt is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MaxValue;
            // A period that fell due before the address was confirmed is not owed to it.
            if (period.Key != candidate.LastPeriodKey && period.DueAt >= confirmedAt)
            {
                due.Add((candidate.Id, period, note));
            }
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in due.Chunk(500))
        {
            var wanted = chunk.Select(d => DigestKey(d.Id, d.Period)).ToList();
            keys.UnionWith(await db.Outbox.AsNoTracking().Where(m => wanted.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken));
        }
        return [.. due.Where(d => !keys.Contains(DigestKey(d.Id, d.Period)))];
    }

    private static string DigestKey(long subscriptionId, DigestPeriod period) => $"{OutboxKinds.Digest}:{subscriptionId}:{period.Key}";

    private static string Describe(DigestDraft draft, DigestOutcome outcome, bool dryRun)
    {
        var papers = draft.Trending.Count + draft.SearchMatches.Count;
        var verb = outcome switch
        {
            DigestOutcome.Composed => dryRun ? "would compose" : "composed",
            DigestOutcome.Skipped => dryRun ? "would skip (nothing new)" : "skipped (nothing new)",
            _ => "already composed",
        };
        var line = $"{verb} {draft.OutboxKey} for {draft.Subscription.Address}: {papers} papers ({draft.Trending.Count} trending, {draft.SearchMatches.Count} search matches)";
        return draft.Note is null ? line : line + "; " + draft.Note;
    }
}
