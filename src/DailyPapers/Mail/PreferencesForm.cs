using System.Globalization;
using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;
using DailyPapers.Search;

namespace DailyPapers.Mail;

/// <summary>
/// The preferences form as typed: shown again with its messages when something is wrong, so nothing
/// is saved until every field is right. Every text passes <see cref="SafeText.Clean"/>; a keyword or
/// saved search holding a line break is refused (nothing that tried to split a header is stored).
/// </summary>
public sealed record PreferencesForm
{
    public const int MaxSavedSearches = 10;

    public string Frequency { get; init; } = "daily";
    public string SendHour { get; init; } = "7";
    public string TimeZone { get; init; } = "UTC";
    public string PapersPerDigest { get; init; } = "10";
    public string? IncludeCategories { get; init; }
    public string? ExcludeCategories { get; init; }
    public string? IncludeKeywords { get; init; }
    public string? ExcludeKeywords { get; init; }
    public bool NeverSendTwice { get; init; } = true;
    public bool SendWhenEmpty { get; init; }
    public string? NewSearch { get; init; }
    public IReadOnlyList<long> RemoveSearches { get; init; } = [];

    public static PreferencesForm From(Subscription subscription) => new()
    {
        Frequency = subscription.Frequency.ToString().ToLowerInvariant(),
        SendHour = subscription.SendHour.ToString(CultureInfo.InvariantCulture),
        TimeZone = subscription.TimeZone,
        PapersPerDigest = subscription.PapersPerDigest.ToString(CultureInfo.InvariantCulture),
        IncludeCategories = subscription.IncludeCategories,
        ExcludeCategories = subscription.ExcludeCategories,
        IncludeKeywords = subscription.IncludeKeywords,
        ExcludeKeywords = subscription.ExcludeKeywords,
        NeverSendTwice = subscription.NeverSendTwice,
        SendWhenEmpty = subscription.SendWhenEmpty,
    };

    /// <summary>The posted fields; raw values are kept (cleaned for display) so the form can show what was typed.</summary>
    public static PreferencesForm From(IFormCollection form) => new()
    {
        Frequency = SafeText.Clean(form["frequency"].FirstOrDefault()) ?? "",
        SendHour = SafeText.Clean(form["send_hour"].FirstOrDefault()) ?? "",
        TimeZone = SafeText.Clean(form["time_zone"].FirstOrDefault()) ?? "",
        PapersPerDigest = SafeText.Clean(form["papers_per_digest"].FirstOrDefault()) ?? "",
        IncludeCategories = form["include_categories"].FirstOrDefault(),
        ExcludeCategories = form["exclude_categories"].FirstOrDefault(),
        IncludeKeywords = form["include_keywords"].FirstOrDefault(),
        ExcludeKeywords = form["exclude_keywords"].FirstOrDefault(),
        NeverSendTwice = form["never_send_twice"].Any(v => v is "on" or "true" or "1"),
        SendWhenEmpty = form["send_when_empty"].Any(v => v is "on" or "true" or "1"),
        NewSearch = form["new_search"].FirstOrDefault(),
        RemoveSearches = [.. form["remove_search"].Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id > 0)],
    };

    /// <summary>The form with its texts as the page shows them again (through the text door).</summary>
    public PreferencesForm ForDisplay() => this with
    {
        IncludeCategories = SafeText.Clean(IncludeCategories),
        ExcludeCategories = SafeText.Clean(ExcludeCategories),
        IncludeKeywords = SafeText.Clean(IncludeKeywords),
        ExcludeKeywords = SafeText.Clean(ExcludeKeywords),
        NewSearch = SafeText.Clean(NewSearch),
    };

    /// <summary>Every problem with the form, in words for the subscriber; empty when it can be saved.</summary>
    public List<string> Validate(int savedSearchCount, out Validated? valid)
    {
        valid = null;
        var problems = new List<string>();
        if (!Enum.TryParse<DigestFrequency>(Frequency, ignoreCase: true, out var frequency) || !Enum.IsDefined(frequency) || int.TryParse(Frequency, out _))
        {
            problems.Add("Choose how often: weekdays, daily, weekly or monthly.");
        }
        if (!int.TryParse(SendHour, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23)
        {
            problems.Add("The send hour is a whole hour from 0 to 23.");
        }
        if (TimeZone.Length > 100 || !DigestSchedule.IsKnownZone(TimeZone))
        {
            problems.Add($"'{SafeText.Clip(TimeZone, 60)}' is not a time zone this site knows: use an IANA name such as Europe/Berlin, America/Los_Angeles or UTC.");
        }
        if (!int.TryParse(PapersPerDigest, NumberStyles.None, CultureInfo.InvariantCulture, out var papers) || papers < 1 || papers > Subscription.MaxPapersPerDigest)
        {
            problems.Add($"Papers per digest is a number from 1 to {Subscription.MaxPapersPerDigest}.");
        }
        if (!TopicFilter.TryCreate([IncludeCategories], [ExcludeCategories], [IncludeKeywords], [ExcludeKeywords], out var filter, out var filterProblem))
        {
            problems.Add(filterProblem);
        }
        string? newSearch = null;
        if (!string.IsNullOrWhiteSpace(NewSearch))
        {
            newSearch = SafeText.Clean(NewSearch);
            if (NewSearch.Contains('\r', StringComparison.Ordinal) || NewSearch.Contains('\n', StringComparison.Ordinal))
            {
                problems.Add("A saved search may not contain line breaks.");
            }
            else if (new SearchRequest(newSearch ?? "").Validate() is { } searchProblem)
            {
                problems.Add("The new saved search: " + searchProblem);
            }
            else if (savedSearchCount - RemoveSearches.Count >= MaxSavedSearches)
            {
                problems.Add($"At most {MaxSavedSearches} saved searches: remove one first.");
            }
        }
        if (problems.Count == 0)
        {
            valid = new Validated(frequency, hour, TimeZone, papers, filter!, NeverSendTwice, SendWhenEmpty, newSearch, RemoveSearches);
        }
        return problems;
    }

    /// <summary>A form that passed <see cref="Validate"/>, in the subscription's terms.</summary>
    public sealed record Validated(DigestFrequency Frequency, int SendHour, string TimeZone, int PapersPerDigest, TopicFilter Filter,
        bool NeverSendTwice, bool SendWhenEmpty, string? NewSearch, IReadOnlyList<long> RemoveSearches)
    {
        /// <summary>
        /// Applies it to a tracked subscription (with its saved searches). A new schedule starts with
        /// its next period: the period now due under it is noted as done, so changing daily to weekly
        /// on a Wednesday does not mail last week at once.
        /// </summary>
        public void ApplyTo(Subscription subscription, AppDbContext db, DateTimeOffset now)
        {
            var scheduleChanged = subscription.Frequency != Frequency || subscription.SendHour != SendHour || subscription.TimeZone != TimeZone;
            subscription.Frequency = Frequency;
            subscription.SendHour = SendHour;
            subscription.TimeZone = TimeZone;
            subscription.PapersPerDigest = PapersPerDigest;
            subscription.IncludeCategories = TopicFilter.Join(Filter.IncludeCategories);
            subscription.ExcludeCategories = TopicFilter.Join(Filter.ExcludeCategories);
            subscription.IncludeKeywords = TopicFilter.Join(Filter.IncludeKeywords);
            subscription.ExcludeKeywords = TopicFilter.Join(Filter.ExcludeKeywords);
            subscription.NeverSendTwice = NeverSendTwice;
            subscription.SendWhenEmpty = SendWhenEmpty;
            if (scheduleChanged)
            {
                var zone = DigestSchedule.Zone(TimeZone, out _);
                subscription.LastPeriodKey = DigestSchedule.LatestDue(Frequency, SendHour, zone, now).Key;
            }
            db.SavedSearches.RemoveRange(subscription.SavedSearches.Where(s => RemoveSearches.Contains(s.Id)));
            if (NewSearch is not null && !subscription.SavedSearches.Any(s => !RemoveSearches.Contains(s.Id) && string.Equals(s.Query, NewSearch, StringComparison.OrdinalIgnoreCase)))
            {
                db.SavedSearches.Add(new SavedSearch { SubscriptionId = subscription.Id, Query = NewSearch, CreatedAt = now.UtcDateTime });
            }
        }
    }
}
