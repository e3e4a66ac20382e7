using DailyPapers.Mail;

namespace DailyPapers.Tests.Mail;

/// <summary>Which digest is due when, in the subscriber's own zone and hour (2026-12-04 is a Friday).</summary>
public sealed class DigestScheduleTests
{
    private static TimeZoneInfo Zone(string id)
    {
        var zone = DigestSchedule.Zone(id, out var note);
        Assert.Null(note);
        return zone;
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Auckland is UTC+13 in December: 07:00 on Dec 4 there is 18:00Z on Dec 3.
    [InlineData("Pacific/Auckland", "2026-12-03T17:59:59Z", "2026-12-02", "2026-12-02T18:00:00Z")]
    [InlineData("Pacific/Auckland", "2026-12-03T18:00:00Z", "2026-12-03", "2026-12-03T18:00:00Z")]
    // Los Angeles is UTC-8 in December: 07:00 on Dec 4 there is 15:00Z on Dec 4.
    [InlineData("America/Los_Angeles", "2026-12-04T14:59:59Z", "2026-12-02", "2026-12-03T15:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-12-04T15:00:00Z", "2026-12-03", "2026-12-04T15:00:00Z")]
    public void ADailyDigestOfYesterdayFallsDueAtTheLocalSendHour(string zone, string now, string key, string dueAt)
    {
        var period = DigestSchedule.LatestDue(DigestFrequency.Daily, 7, Zone(zone), Utc(now));

        Assert.Equal(key, period.Key);
        Assert.Equal(Utc(dueAt), period.DueAt);
        Assert.Equal(period.Days.Start, period.Days.Last);
    }

    [Theory]
    // Saturday and Sunday in the subscriber's zone send nothing: the latest is still Friday's (covering Thursday).
    [InlineData("2026-12-05T12:00:00Z", "2026-12-03", "2026-12-03", "2026-12-03")]
    [InlineData("2026-12-06T23:00:00Z", "2026-12-03", "2026-12-03", "2026-12-03")]
    // Monday's covers Friday to Sunday, named by Friday.
    [InlineData("2026-12-07T08:00:00Z", "2026-12-04", "2026-12-04", "2026-12-06")]
    [InlineData("2026-12-08T08:00:00Z", "2026-12-07", "2026-12-07", "2026-12-07")]
    public void WeekdayDigestsSkipTheWeekendAndMondayCoversIt(string now, string key, string first, string last)
    {
        var period = DigestSchedule.LatestDue(DigestFrequency.Weekdays, 7, TimeZoneInfo.Utc, Utc(now));

        Assert.Equal((key, DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)),
            (period.Key, period.Days.Start, period.Days.Last));
        Assert.NotEqual(DayOfWeek.Saturday, period.SendDay.DayOfWeek);
        Assert.NotEqual(DayOfWeek.Sunday, period.SendDay.DayOfWeek);
    }

    [Fact]
    public void WeekendIsJudgedInTheSubscribersZone()
    {
        // 2026-12-04T12:00Z is Saturday 01:00 in Auckland but Friday 04:00 in Los Angeles.
        var now = Utc("2026-12-04T12:00:00Z");

        var auckland = DigestSchedule.LatestDue(DigestFrequency.Weekdays, 0, Zone("Pacific/Auckland"), now);
        var losAngeles = DigestSchedule.LatestDue(DigestFrequency.Weekdays, 0, Zone("America/Los_Angeles"), now);

        Assert.Equal(new DateOnly(2026, 12, 4), auckland.SendDay);
        Assert.Equal(new DateOnly(2026, 12, 4), losAngeles.SendDay);
        Assert.Equal(new DateOnly(2026, 12, 7), DigestSchedule.Next(DigestFrequency.Weekdays, 0, Zone("Pacific/Auckland"), now).SendDay);
    }

    [Theory]
    [InlineData(DigestFrequency.Weekly, "2026-12-07T09:00:00Z", "2026-W49", "2026-11-30", "2026-12-06", "DailyPapers week of Nov 30")]
    [InlineData(DigestFrequency.Weekly, "2026-12-07T08:59:00Z", "2026-W48", "2026-11-23", "2026-11-29", "DailyPapers week of Nov 23")]
    [InlineData(DigestFrequency.Monthly, "2026-12-01T09:00:00Z", "2026-11", "2026-11-01", "2026-11-30", "DailyPapers November 2026")]
    [InlineData(DigestFrequency.Monthly, "2026-12-31T23:00:00Z", "2026-11", "2026-11-01", "2026-11-30", "DailyPapers November 2026")]
    [InlineData(DigestFrequency.Weekly, "2027-01-04T09:00:00Z", "2026-W53", "2026-12-28", "2027-01-03", "DailyPapers week of Dec 28")]
    public void WeeklyAndMonthlyDigestsCoverTheLastWeekOrMonth(DigestFrequency frequency, string now, string key, string first, string last, string label)
    {
        var period = DigestSchedule.LatestDue(frequency, 9, TimeZoneInfo.Utc, Utc(now));

        Assert.Equal(key, period.Key);
        Assert.Equal((first, last), (period.Days.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.Days.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(label, "DailyPapers " + period.Label);
    }

    [Theory]
    // Los Angeles springs forward at 02:00 on 2026-03-08: 02:00 does not exist and becomes 03:00 PDT (10:00Z).
    [InlineData("America/Los_Angeles", 2026, 3, 8, 2, "2026-03-08T10:00:00Z")]
    [InlineData("America/Los_Angeles", 2026, 3, 7, 7, "2026-03-07T15:00:00Z")]
    [InlineData("America/Los_Angeles", 2026, 3, 9, 7, "2026-03-09T14:00:00Z")]
    // Los Angeles falls back at 02:00 on 2026-11-01: 01:00 happens twice, the first time (PDT, 08:00Z) counts.
    [InlineData("America/Los_Angeles", 2026, 11, 1, 1, "2026-11-01T08:00:00Z")]
    // Auckland falls back at 03:00 NZDT on 2026-04-05: 02:00 happens twice, first at +13.
    [InlineData("Pacific/Auckland", 2026, 4, 5, 2, "2026-04-04T13:00:00Z")]
    // Auckland springs forward at 02:00 on 2026-09-27: 02:00 does not exist, it is 03:00 NZDT (14:00Z).
    [InlineData("Pacific/Auckland", 2026, 9, 27, 2, "2026-09-26T14:00:00Z")]
    [InlineData("Pacific/Auckland", 2026, 9, 28, 7, "2026-09-27T18:00:00Z")]
    public void SendHoursAcrossDaylightSavingChangesKeepTheWallClock(string zone, int year, int month, int day, int hour, string dueAt)
    {
        var period = DigestSchedule.For(DigestFrequency.Daily, new DateOnly(year, month, day), hour, Zone(zone));

        Assert.Equal(Utc(dueAt), period.DueAt);
    }

    [Fact]
    public void OnADaylightSavingDayEachDigestIsStillDueOnce()
    {
        var zone = Zone("America/Los_Angeles");
        var keys = new List<string>();
        for (var now = Utc("2026-03-07T00:00:00Z"); now < Utc("2026-03-11T00:00:00Z"); now = now.AddMinutes(15))
        {
            keys.Add(DigestSchedule.LatestDue(DigestFrequency.Daily, 2, zone, now).Key);
        }

        Assert.Equal(["2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"], keys.Distinct());
    }

    [Fact]
    public void AnUnknownZoneIsUtcWithANote()
    {
        var zone = DigestSchedule.Zone("Mars/Olympus_Mons", out var note);

        Assert.Equal(TimeZoneInfo.Utc, zone);
        Assert.Contains("Mars/Olympus_Mons", note, StringComparison.Ordinal);
        Assert.False(DigestSchedule.IsKnownZone("Mars/Olympus_Mons"));
        Assert.True(DigestSchedule.IsKnownZone("Europe/Berlin"));
    }

    [Fact]
    public void TheEndOfADayIsInTheSubscribersZone()
    {
        Assert.Equal(Utc("2026-12-04T10:59:59.9999999Z"), DigestSchedule.EndOfDay(new DateOnly(2026, 12, 4), Zone("Pacific/Auckland")));
        Assert.Equal(Utc("2026-12-05T07:59:59.9999999Z"), DigestSchedule.EndOfDay(new DateOnly(2026, 12, 4), Zone("America/Los_Angeles")));
    }

    [Fact]
    public void TheNextDigestIsTheOneAfterTheLatestDue()
    {
        var now = Utc("2026-12-04T12:00:00Z");

        var next = DigestSchedule.Next(DigestFrequency.Daily, 7, TimeZoneInfo.Utc, now);

        Assert.Equal(("2026-12-04", Utc("2026-12-05T07:00:00Z")), (next.Key, next.DueAt));
    }
}
