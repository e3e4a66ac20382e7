using DailyPapers.Web;

namespace DailyPapers.Tests.Web;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(null, 20, "")]
    [InlineData("Short text.", 20, "Short text.")]
    [InlineData("  spread \n over\tlines  ", 40, "spread over lines")]
    [InlineData("The quick brown fox jumps over the lazy dog", 20, "The quick brown fox…")]
    [InlineData("Ends with a comma, then more words", 19, "Ends with a comma…")]
    [InlineData("Supercalifragilisticexpialidocious", 10, "Supercali…")]
    public void ExcerptsCollapseWhitespaceAndCutAtAWord(string? text, int max, string expected)
    {
        var excerpt = Display.Excerpt(text, max);
        Assert.Equal(expected, excerpt);
        Assert.True(excerpt.Length <= max);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1204, "1,204")]
    public void NumbersUseOneFixedCulture(int value, string expected) => Assert.Equal(expected, Display.Number(value));

    [Theory]
    [InlineData(1, "1 paper")]
    [InlineData(2, "2 papers")]
    [InlineData(0, "0 papers")]
    public void CountsPickSingularOrPlural(int value, string expected) => Assert.Equal(expected, Display.Count(value, "paper", "papers"));
}
