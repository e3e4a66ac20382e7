using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class RecordTextTests
{
    [Theory]
    [InlineData("Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies",
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies")]
    [InlineData("  A fully differential calculation\npresented.\n", "A fully differential calculation presented.")]
    [InlineData("tab\tand\r\nnewline", "tab and newline")]
    [InlineData("nul\u0000dropped", "nuldropped")]
    [InlineData("already clean", "already clean")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void CleanCollapsesWhitespaceAndDropsControlCharacters(string? raw, string? expected)
    {
        Assert.Equal(expected, RecordText.Clean(raw));
    }

    [Theory]
    [InlineData("cs.LG,cs.AI,cs.CV,stat.ML,68T45, 62H30,I.5.3; I.2.10", "cs.LG cs.AI cs.CV stat.ML")]
    [InlineData("cond-mat.mtrl-sci,physics.atom-ph,hep-th,math-ph,q-bio.NC", "cond-mat.mtrl-sci physics.atom-ph hep-th math-ph q-bio.NC")]
    [InlineData("cs.CV,cs.AI,cs.LG,na", "cs.CV cs.AI cs.LG")]
    [InlineData("I.2.7,68T50,F.2.2; I.2.7", "")]
    [InlineData("cs.CL,cs.CL, cs.AI ", "cs.CL cs.AI")]
    [InlineData("supr-con,chao-dyn,astro-ph.CO", "supr-con chao-dyn astro-ph.CO")]
    public void CategoriesKeepArxivCategoriesInOrderAndDropClassificationCodes(string raw, string expected)
    {
        var kept = RecordText.Categories(raw.Split(','));
        Assert.Equal(expected, kept is null ? "" : string.Join(' ', kept));
    }

    [Theory]
    [InlineData("2025-03-18", "2025-03-18T00:00:00.0000000Z")]
    [InlineData("2024-05-31T17:50:01.000Z", "2024-05-31T17:50:01.0000000Z")]
    [InlineData("2025-05-15T00:07:05.564Z", "2025-05-15T00:07:05.5640000Z")]
    [InlineData("2024-10-09T12:00:00-04:00", "2024-10-09T16:00:00.0000000Z")]
    public void TimesAreReadAsUtc(string raw, string expected)
    {
        Assert.True(RecordText.TryParseTime(raw, out var value));
        Assert.Equal(DateTimeKind.Utc, value!.Value.Kind);
        Assert.Equal(expected, value.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AbsentTimesAreUnknownAndBrokenOnesAreErrors()
    {
        Assert.True(RecordText.TryParseTime(null, out var none));
        Assert.Null(none);
        Assert.False(RecordText.TryParseTime("last tuesday", out _));
        Assert.False(RecordText.TryParseDay("2024-13-01", out _));
    }

    [Fact]
    public void ClipNeverSplitsASurrogatePair()
    {
        Assert.Equal("ab", RecordText.Clip("ab\U0001F600", 3));
        Assert.Equal("abc", RecordText.Clip("abc", 3));
    }
}
