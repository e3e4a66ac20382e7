using DailyPapers.Feed;

namespace DailyPapers.Tests.Feed;

public sealed class TopicFilterTests
{
    private static TopicFilter Filter(string? cat = null, string? xcat = null, string? kw = null, string? xkw = null)
    {
        Assert.True(TopicFilter.TryCreate([cat], [xcat], [kw], [xkw], out var filter, out var error), error);
        return filter;
    }

    [Theory]
    [InlineData("cs", "cs.CL", true)]
    [InlineData("cs.CL", "cs.CL", true)]
    [InlineData("CS.cl", "cs.CL", true)]
    [InlineData("cs.CL", "cs.CV", false)]
    [InlineData("cs", "csx.AB", false)]
    [InlineData("math", "math-ph", false)]
    [InlineData("hep-th", "hep-th", true)]
    public void AnArchiveMatchesItsCategories(string filter, string category, bool matches) =>
        Assert.Equal(matches, TopicFilter.CategoryMatches(filter, category));

    [Theory]
    [InlineData("diffusion", "Diffusion Models Beat GANs", true)]
    [InlineData("diffusion", "Nondiffusion processes", false)]
    [InlineData("diffusion policy", "Learning a Diffusion\n Policy for robots", true)]
    [InlineData("c++", "Fast C++ kernels", true)]
    [InlineData("gan", "Organic chemistry", false)]
    [InlineData("3d", "3D reconstruction", true)]
    public void KeywordsMatchWholeWordsIgnoringCase(string keyword, string title, bool passes) =>
        Assert.Equal(passes, Filter(kw: keyword).Passes("cs.LG", title, null));

    [Fact]
    public void IncludeNeedsOneMatchAndExcludeNone()
    {
        var filter = Filter(cat: "cs, stat.ML", xcat: "cs.CV", kw: "transformer, attention", xkw: "survey");

        Assert.True(filter.Passes("cs.CL", "Attention is all you need", null));
        Assert.True(filter.Passes("stat.ML cs.LG", "A paper", "We train a transformer."));
        Assert.False(filter.Passes("cs.CV cs.CL", "Attention for images", null));
        Assert.False(filter.Passes("q-bio.BM", "Attention in proteins", null));
        Assert.False(filter.Passes("cs.CL", "A survey of attention", null));
        Assert.False(filter.Passes("cs.CL", "Recurrent networks", null));
        Assert.True(TopicFilter.None.Passes("", "Anything", null));
    }

    [Theory]
    [InlineData("cs.CL\r\nBcc: victim@example.org", null)]
    [InlineData(null, "robots\nX-Injected: 1")]
    public void KeywordsWithLineBreaksAreRefused(string? kw, string? xkw)
    {
        Assert.False(TopicFilter.TryCreate([], [], [kw], [xkw], out _, out var error));
        Assert.Contains("line breaks", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cs.CL; DROP")]
    [InlineData("1234")]
    [InlineData("<script>")]
    public void CategoriesThatAreNotArxivNamesAreRefused(string cat) =>
        Assert.False(TopicFilter.TryCreate([cat], [], [], [], out _, out _));

    [Fact]
    public void StoredListsRoundTrip()
    {
        var filter = Filter(cat: "cs.CL, cs.LG", kw: "diffusion policy");

        var stored = TopicFilter.FromStored(TopicFilter.Join(filter.IncludeCategories), null, TopicFilter.Join(filter.IncludeKeywords), null);

        Assert.Equal(["cs.CL", "cs.LG"], stored.IncludeCategories);
        Assert.Equal(["diffusion policy"], stored.IncludeKeywords);
    }
}
