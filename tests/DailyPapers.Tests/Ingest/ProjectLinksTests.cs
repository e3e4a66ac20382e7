using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class ProjectLinksTests
{
    [Theory]
    [InlineData("Code is available at https://github.com/x/y.", "https://github.com/x/y", null)]
    [InlineData("Our code: https://github.com/WeiminXiong/MPO, and data.", "https://github.com/WeiminXiong/MPO", null)]
    [InlineData("(code at https://github.com/a/b)", "https://github.com/a/b", null)]
    [InlineData("see https://github.com/a/b.git;", "https://github.com/a/b", null)]
    [InlineData("Code: github.com/owner/repo!", "https://github.com/owner/repo", null)]
    [InlineData("http://gitlab.com/group/project/ is public", "https://gitlab.com/group/project", null)]
    [InlineData("Weights at https://huggingface.co/org/model-7b.", "https://huggingface.co/org/model-7b", null)]
    [InlineData("Data: https://huggingface.co/datasets/org/set", "https://huggingface.co/datasets/org/set", null)]
    [InlineData("See https://huggingface.co/papers/2405.15738 and https://github.com/a/b", "https://github.com/a/b", null)]
    [InlineData("Project page: https://jerryliang24.github.io/DnD/.", null, "https://jerryliang24.github.io/DnD")]
    [InlineData("Project website: https://dreamer.example.org. Code: https://github.com/x/dreamer", "https://github.com/x/dreamer", "https://dreamer.example.org")]
    [InlineData("We compare to https://arxiv.org/abs/2401.00001 and https://doi.org/10.1/x.", null, null)]
    [InlineData("The dataset is at https://zenodo.org/records/123.", null, null)]
    [InlineData("Our group https://github.com/deepmind has code.", null, null)]
    [InlineData("\\url{https://github.com/t/u}", "https://github.com/t/u", null)]
    [InlineData("(https://en.wikipedia.org/wiki/Foo_(bar)) homepage", null, null)]
    [InlineData("No links here.", null, null)]
    public void FindsCodeAndProjectLinksInProse(string text, string? code, string? project)
    {
        Assert.Equal((code, project), ProjectLinks.Find(text));
    }

    [Fact]
    public void LooksAtCommentsWhenTheAbstractHasNothing()
    {
        var (code, project) = ProjectLinks.Find("An abstract without links.", "10 pages; code: https://github.com/c/d");

        Assert.Equal("https://github.com/c/d", code);
        Assert.Null(project);
    }

    [Theory]
    [InlineData("https://github.com/x/y.", "https://github.com/x/y")]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("https://github.com/x/y),", "https://github.com/x/y")]
    [InlineData("https://a.github.io/p/?!", "https://a.github.io/p/")]
    public void TrailingSentencePunctuationIsNotPartOfTheLink(string raw, string expected)
    {
        Assert.Equal(expected, ProjectLinks.TrimTrailing(raw));
    }
}
