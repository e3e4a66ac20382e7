using DailyPapers.Search;

namespace DailyPapers.Tests.Search;

public sealed class HighlightTermsTests
{
    private static string Marked(IReadOnlyList<TextSegment> segments) =>
        string.Concat(segments.Select(s => s.IsMatch ? "[" + s.Text + "]" : s.Text));

    [Theory]
    [InlineData("networks", "Neural Networks and a networked network's nodes", "Neural [Networks] and a [networked] [network's] nodes")]
    [InlineData("the learning", "The Learning of the learners", "The [Learning] of the learners")]
    [InlineData("Graph-Based", "graph based, Graphs-based", "[graph] [based], [Graphs]-[based]")]
    [InlineData("<b>bold</b>", "a <b>bold</b> claim", "a <[b]>[bold]</[b]> claim")]
    // "title:quantum" is one token to the index's tokenizer (a colon between letters joins a word), so it marks nothing, as it matches nothing.
    [InlineData("title:quantum AND (codes", "Quantum codes", "Quantum [codes]")]
    [InlineData("the of and", "The theory of and", "The theory of and")]
    [InlineData("量子", "量子 误差", "[量][子] 误差")]
    public void QueryTermsAreMarkedWhereTheKeywordIndexWouldMatchThem(string query, string text, string expected)
    {
        Assert.Equal(expected, Marked(HighlightTerms.For(query).Split(text)));
    }

    [Fact]
    public void SegmentsRebuildTheTextExactly()
    {
        const string Text = "Émile's <script>networks</script> & \u0000 network 🚀 end";

        var segments = HighlightTerms.For("network").Split(Text);

        Assert.Equal(Text, string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(["networks", "network"], segments.Where(s => s.IsMatch).Select(s => s.Text));
    }

    [Fact]
    public void AnAbstractWhoseFirstMatchIsFarInStartsShortlyBeforeIt()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler words here", 20)) + " the quantum result.";

        var excerpt = HighlightTerms.For("quantum").Excerpt(text);
        var early = HighlightTerms.For("filler").Excerpt(text);

        Assert.StartsWith("…", excerpt[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("the [quantum] result.", Marked(excerpt), StringComparison.Ordinal);
        Assert.InRange(string.Concat(excerpt.Select(s => s.Text)).Length, 60, 100);
        Assert.Equal(text, string.Concat(early.Select(s => s.Text)));
    }

    // The page's math script renders math one text node at a time, so a <mark> must hold a piece of math whole or not touch it.
    [Theory]
    [InlineData("lora", @"$\textit{Trans-LoRA}$: towards data-free", @"[$\textit{Trans-LoRA}$]: towards data-free")]
    [InlineData("experts", @"the top-$K$ experts out of $N \text{ experts}$", @"the top-$K$ [experts] out of [$N \text{ experts}$]")]
    [InlineData("gram models", @"Are $n$-gram models still", @"Are $n$-[gram] [models] still")]
    [InlineData("shard token", @"$\text{shard token}$ and more", @"[$\text{shard token}$] and more")]
    [InlineData("money", "Earn $1 money from $2", "Earn $1 [money] from $2")]
    public void MathIsMarkedWholeOrNotAtAll(string query, string text, string expected)
    {
        Assert.Equal(expected, Marked(HighlightTerms.For(query).Split(text)));
    }

    [Fact]
    public void AnExcerptNeverStartsInsideMath()
    {
        var math = @"$\mathcal{O}(n \log n) \text{ time with a long explanation of every step in it}$";
        var text = string.Join(' ', Enumerable.Repeat("filler words here", 8)) + " " + math + " and then quantum.";

        var excerpt = string.Concat(HighlightTerms.For("quantum").Excerpt(text).Select(s => s.Text));

        Assert.StartsWith("…" + math, excerpt, StringComparison.Ordinal);
    }
}
