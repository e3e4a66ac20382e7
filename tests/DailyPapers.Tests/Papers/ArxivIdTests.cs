using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("2405.15738", "2405.15738", null)]
    [InlineData("2405.15738v3", "2405.15738", 3)]
    [InlineData("arXiv:2405.15738v2", "2405.15738", 2)]
    [InlineData(" https://arxiv.org/abs/2405.15738v1 ", "2405.15738", 1)]
    [InlineData("http://arxiv.org/pdf/2405.15738v1.pdf", "2405.15738", 1)]
    [InlineData("0704.0001", "0704.0001", null)]
    [InlineData("oai:arXiv.org:1412.8544", "1412.8544", null)]
    [InlineData("hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("hep-th/9901001v2", "hep-th/9901001", 2)]
    [InlineData("math.GT/0309136", "math.GT/0309136", null)]
    [InlineData("math.gt/0309136v1", "math.GT/0309136", 1)]
    [InlineData("http://arxiv.org/abs/cond-mat/0412498v1", "cond-mat/0412498", 1)]
    public void AcceptsBothSchemesInEverySpelling(string text, string expectedId, int? expectedVersion)
    {
        Assert.True(ArxivId.TryParse(text, out var id, out var version));
        Assert.Equal(expectedId, id);
        Assert.Equal(expectedVersion, version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("2405.157")]
    [InlineData("2405.157381")]
    [InlineData("hep-th/990100")]
    [InlineData("../../etc/passwd")]
    [InlineData("2405.15738; DROP TABLE papers")]
    public void RejectsWhatIsNotAnArxivId(string text)
    {
        Assert.False(ArxivId.TryParse(text, out _, out _));
    }
}
