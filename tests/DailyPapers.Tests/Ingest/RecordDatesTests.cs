using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class RecordDatesTests
{
    [Theory]
    [InlineData("2025-03-18", "2025-03-18T00:00:00.0000000Z")]
    [InlineData("2024-05-31T17:50:01.000Z", "2024-05-31T17:50:01.0000000Z")]
    [InlineData("2025-05-15T00:07:05.564Z", "2025-05-15T00:07:05.5640000Z")]
    [InlineData("2024-10-09T12:00:00-04:00", "2024-10-09T16:00:00.0000000Z")]
    public void TimesAreReadAsUtc(string raw, string expected)
    {
        Assert.True(RecordDates.TryParseTime(raw, out var value));
        Assert.Equal(DateTimeKind.Utc, value!.Value.Kind);
        Assert.Equal(expected, value.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AbsentTimesAreUnknownAndBrokenOnesAreErrors()
    {
        Assert.True(RecordDates.TryParseTime(null, out var none));
        Assert.Null(none);
        Assert.False(RecordDates.TryParseTime("last tuesday", out _));
        Assert.False(RecordDates.TryParseDay("2024-13-01", out _));
    }

    [Theory]
    [InlineData("\\u0662\\u0660\\u0662\\u0665-03-18")]
    [InlineData("2025-03-18T1\\u0663:00:00Z")]
    [InlineData("2025-03-18\\u0000")]
    [InlineData("2025-03-18\\ud800")]
    public void TimesAndDaysInOtherDigitsOrWithStrayCharactersAreErrors(string escaped)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.False(RecordDates.TryParseTime(text, out _));
        Assert.False(RecordDates.TryParseDay(text, out _));
    }

    private static readonly DayWindow Window = new(new DateOnly(1991, 8, 1), new DateOnly(2026, 1, 18));

    [Theory]
    [InlineData("2026-01-18", null, null)]
    [InlineData("2026-01-19", null, "feed day 2026-01-19 is outside the plausible days 1991-08-01 to 2026-01-18")]
    [InlineData("9999-12-31", null, "feed day 9999-12-31 is outside")]
    [InlineData(null, "1991-07-31", "published time 1991-07-31T00:00:00Z is outside")]
    [InlineData(null, "1991-08-01", null)]
    public void RecordsDatedOutsideTheWindowBecomeErrorsNamingTheDate(string? featuredOn, string? published, string? error)
    {
        var record = new PaperRecord
        {
            ArxivId = "2501.00001",
            Title = "T",
            FeaturedOn = featuredOn is null ? null : DateOnly.Parse(featuredOn, System.Globalization.CultureInfo.InvariantCulture),
            PublishedAt = published is null ? null : DateTime.SpecifyKind(DateTime.Parse(published, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
        };

        var item = RecordDates.Admit(ParsedItem.Ok(record, "f:1"), Window);

        Assert.Equal("f:1", item.Location);
        if (error is null)
        {
            Assert.Equal(record, item.Record);
        }
        else
        {
            Assert.Null(item.Record);
            Assert.StartsWith("2501.00001: " + error, item.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheWindowRunsFromTheEarliestDayToAFewDaysAfterTheClocksToday()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.FromHours(-5)));

        var window = DayWindow.Today(new CatalogOptions(), clock);

        Assert.Equal(new DayWindow(new DateOnly(1991, 8, 1), new DateOnly(2026, 1, 19)), window);
        Assert.Equal(DateOnly.MaxValue, DayWindow.Today(new CatalogOptions { DaysAhead = 366 }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.MaxValue.AddDays(-1))).Latest);
    }
}
