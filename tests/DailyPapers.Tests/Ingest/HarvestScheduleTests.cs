using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Ingest;

public sealed class HarvestScheduleTests
{
    [Theory]
    [InlineData("off", null, null)]
    [InlineData("", null, null)]
    [InlineData("every 6h", "06:00:00", null)]
    [InlineData("Every  30m", "00:30:00", null)]
    [InlineData("every 1d", "1.00:00:00", null)]
    [InlineData("every 01:30:00", "01:30:00", null)]
    [InlineData("daily 03:17", null, "03:17")]
    [InlineData(" DAILY 00:00 ", null, "00:00")]
    public void SchedulesReadAsAnIntervalOrATimeOfDay(string text, string? interval, string? timeOfDay)
    {
        Assert.True(HarvestSchedule.TryParse(text, "Harvest:Schedule:Hf", out var schedule, out var error));

        Assert.Null(error);
        Assert.Equal(interval is null ? null : TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), schedule.Interval);
        Assert.Equal(timeOfDay is null ? null : TimeOnly.Parse(timeOfDay, System.Globalization.CultureInfo.InvariantCulture), schedule.TimeOfDay);
    }

    [Theory]
    [InlineData("6h")]
    [InlineData("every")]
    [InlineData("every 30s")]
    [InlineData("every 0m")]
    [InlineData("every -1h")]
    [InlineData("every 00:00:30")]
    [InlineData("daily 3:17pm")]
    [InlineData("daily 24:00")]
    [InlineData("hourly")]
    [InlineData("every 6h daily 03:00")]
    public void AnythingElseIsRefusedWithTheKeyAndTheForms(string text)
    {
        Assert.False(HarvestSchedule.TryParse(text, "Harvest:Schedule:Arxiv", out _, out var error));

        Assert.Equal($"Harvest:Schedule:Arxiv: '{text}' is not a schedule: use off, every 6h (30m, 1d, 06:00:00; at least a minute) or daily HH:MM (UTC).", error);
    }

    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // Never run on this database: due at once, whatever the schedule.
    [InlineData("every 6h", null, true)]
    [InlineData("daily 03:17", null, true)]
    [InlineData("every 6h", "2026-12-07T06:00:01Z", false)]
    [InlineData("every 6h", "2026-12-07T06:00:00Z", true)]
    // Today's 03:17 has passed since a run yesterday evening; after this morning's run, not again today.
    [InlineData("daily 03:17", "2026-12-06T20:00:00Z", true)]
    [InlineData("daily 03:17", "2026-12-07T03:17:00Z", false)]
    [InlineData("daily 03:17", "2026-12-07T03:16:59Z", true)]
    // Before today's time: yesterday's is what counts, and a run since then covers it.
    [InlineData("daily 15:00", "2026-12-06T15:00:05Z", false)]
    [InlineData("daily 15:00", "2026-12-06T14:59:00Z", true)]
    [InlineData("off", null, false)]
    public void ARunIsDueByTheLastRunStoredAndTheSchedule(string text, string? lastRun, bool due)
    {
        Assert.True(HarvestSchedule.TryParse(text, "key", out var schedule, out _));

        var last = lastRun is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(lastRun, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(due, schedule.IsDue(last, Noon));
    }

    [Fact]
    public async Task ABadScheduleStopsTheAppAtStartWithTheKeyName()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartupChecks.StartAsync(new()
        {
            ["Harvest:Schedule:Arxiv"] = "every 30s",
        }, builder => builder.AddHarvest()));

        Assert.Contains("Harvest:Schedule:Arxiv: 'every 30s' is not a schedule", error.Message, StringComparison.Ordinal);
    }
}
