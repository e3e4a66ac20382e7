using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class MathSpansTests
{
    // Each expected span as the text it covers, delimiters included.
    [Theory]
    [InlineData(@"$\textit{Trans-LoRA}$: towards", new[] { @"$\textit{Trans-LoRA}$" })]
    [InlineData(@"top-$K$ out of $N$ experts", new[] { "$K$", "$N$" })]
    [InlineData(@"in $\sim$20 Seconds", new[] { @"$\sim$" })]
    [InlineData(@"$γ-$MoD", new[] { "$γ-$" })]
    [InlineData(@"a $$\sum x$$ b \(y\) c \[z\]", new[] { @"$$\sum x$$", @"\(y\)", @"\[z\]" })]
    [InlineData(@"$\text{a$b}$ whole", new[] { @"$\text{a$b}$" })]
    [InlineData(@"$a\$b$ escaped dollar inside", new[] { @"$a\$b$" })]
    [InlineData("Earn $1 Million from Real-World", new string[0])]
    [InlineData("prices from $5 to $10 a month", new string[0])]
    [InlineData("Fixing 7,400 Bugs for 1$: Cheap", new string[0])]
    [InlineData(@"\$OneMillion-Bench and \$2 $x$", new[] { "$x$" })]
    [InlineData("$ x $ spaced dollars are not math", new string[0])]
    [InlineData("empty $$$$", new string[0])]
    [InlineData("unclosed \\(x and $y", new string[0])]
    public void FindsTheMathThePagesRender(string text, string[] expected)
    {
        var spans = MathSpans.Find(text);
        Assert.Equal(expected, spans.Select(s => text[s.Start..s.End]));
        Assert.All(spans, s => Assert.True(s.Start < s.ContentStart && s.ContentStart < s.ContentEnd && s.ContentEnd < s.End));
    }
}
