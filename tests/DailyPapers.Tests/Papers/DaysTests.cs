using System.Globalization;
using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class DaysTests
{
    [Theory]
    [InlineData("2024-07-29")]
    [InlineData("2024-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void ReadsCalendarDays(string text)
    {
        Assert.True(Days.TryParse(text, out var day));
        Assert.Equal(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), day);
        Assert.Equal(text, Days.ToText(day));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2024-7-29")]
    [InlineData(" 2024-07-29")]
    [InlineData("2024-07-29 ")]
    [InlineData("2024/07/29")]
    [InlineData("2024-07-29T00:00")]
    [InlineData("+024-07-29")]
    [InlineData("\\u0662\\u0660\\u0662\\u0664-07-29")]
    [InlineData("\\uff12\\uff10\\uff12\\uff14-07-29")]
    [InlineData("2024-07-2\\u0000")]
    [InlineData("2024-07-2\\ud800")]
    public void RejectsEverythingElse(string? escaped)
    {
        var text = escaped is null ? null : System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.False(Days.TryParse(text, out var day));
        Assert.Equal(default, day);
    }

    /// <summary>Property: for any ten characters the parse returns, and agrees with the framework's exact parse on ASCII input.</summary>
    [Fact]
    public void NeverThrowsAndAgreesWithTheFrameworkOnAscii()
    {
        const int seed = 1991_08_14;
        var random = new Random(seed);
        const string alphabet = "0123456789-0123456789\u0663\uff11 T";
        for (var i = 0; i < 50_000; i++)
        {
            var text = string.Create(random.Next(8, 12), random, (span, r) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = r.Next(20) == 0 ? (char)r.Next(0, 0x10000) : alphabet[r.Next(alphabet.Length)];
                }
            });
            var accepted = Days.TryParse(text, out var day);
            if (System.Text.Ascii.IsValid(text))
            {
                var framework = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);
                Assert.True(framework == accepted && (!accepted || day == expected), $"seed {seed}, case {i}: '{text}'");
            }
            else
            {
                Assert.False(accepted, $"seed {seed}, case {i}: accepted non-ASCII '{text}'");
            }
        }
    }
}
