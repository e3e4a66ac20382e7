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
    [InlineData("https://www.arxiv.org/pdf/2405.15738v2", "2405.15738", 2)]
    [InlineData("https://arxiv.org/abs/2405.15738?context=cs.CL", "2405.15738", null)]
    [InlineData("https://huggingface.co/papers/2405.15738#community", "2405.15738", null)]
    [InlineData("huggingface.co/papers/2405.15738", "2405.15738", null)]
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

    [Theory]
    [InlineData("2405.15738v99999999999", "version v99999999999 out of range (v1 to v999)")]
    [InlineData("hep-th/9901001v99999999999", "version v99999999999 out of range (v1 to v999)")]
    [InlineData("2405.15738v2147483648", "out of range")]
    [InlineData("2405.15738v1000", "out of range")]
    [InlineData("2405.15738v0", "out of range")]
    [InlineData("2405.15738v0001", "out of range")]
    [InlineData("2405.15738v\\u0663", "not ASCII digits")]
    [InlineData("\\u0662\\u0665\\u0660\\u0661.\\u0660\\u0665\\u0660\\u0660\\u0662", "not ASCII digits")]
    [InlineData("\\uff12\\uff14\\uff10\\uff15.15738", "not ASCII digits")]
    [InlineData("2405.1573\\u09e8", "not ASCII digits")]
    [InlineData("2405.15738\\u0000", "not in either id scheme")]
    [InlineData("2405.15738\\ud800", "not in either id scheme")]
    [InlineData("2405.15738\\n/", "not in either id scheme")]
    [InlineData("hep-th/9901001\\u212a", "not in either id scheme")]
    [InlineData("   ", "missing id")]
    public void RejectsIdShapedTextWithTheReason(string escaped, string reason)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.False(ArxivId.TryParse(text, out var id, out var version, out var why));
        Assert.Null(id);
        Assert.Null(version);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2405.15738v1", 1)]
    [InlineData("2405.15738v999", 999)]
    [InlineData("hep-th/9901001v999", 999)]
    public void AcceptsVersionsUpToTheDocumentedMaximum(string text, int expected)
    {
        Assert.True(ArxivId.TryParse(text, out _, out var version, out _));
        Assert.Equal(expected, version);
        Assert.Equal(ArxivId.MaxVersion, 999);
    }

    [Theory]
    [InlineData("v1", 1)]
    [InlineData("v999", 999)]
    [InlineData("v0", null)]
    [InlineData("v1000", null)]
    [InlineData("v99999999999", null)]
    [InlineData("v\\u0663", null)]
    [InlineData("v", null)]
    [InlineData("2", null)]
    [InlineData(null, null)]
    public void VersionsWrittenApartFromTheIdFollowTheSameRule(string? escaped, int? expected)
    {
        var text = escaped is null ? null : System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Equal(expected, ArxivId.TryParseVersion(text, out var version) ? version : null);
    }

    [Fact]
    public void RejectsTenKilobytesWithoutLookingFurther()
    {
        Assert.False(ArxivId.TryParse("2405.15738" + new string('9', 10 * 1024), out _, out _, out var reason));
        Assert.Contains("longer than", reason, StringComparison.Ordinal);
    }

    /// <summary>Property: for any string (random UTF-16, lone surrogates and digits of every script included) the parse returns, and what it accepts is ASCII.</summary>
    [Fact]
    public void NeverThrowsAndOnlyEverAcceptsAscii()
    {
        const int seed = 20261204;
        var random = new Random(seed);
        char[] alphabet = [.. "0123456789.v/-:hepthmathGTarXiv", '\u0663', '\uff11', '\u09e8', '\ud800', '\udc00', '\0', '\ufffe', ' ', '\n'];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, i % 100 == 0 ? 300 : 30);
            var text = string.Create(length, random, (span, r) =>
            {
                for (var j = 0; j < span.Length; j++)
                {
                    span[j] = r.Next(3) == 0 ? (char)r.Next(0, 0x10000) : alphabet[r.Next(alphabet.Length)];
                }
            });
            var accepted = ArxivId.TryParse(text, out var id, out var version, out var reason);
            Assert.True(accepted ? id is not null && reason is null : id is null && reason is not null, $"seed {seed}, case {i}");
            if (accepted)
            {
                Assert.True(System.Text.Ascii.IsValid(id), $"seed {seed}, case {i}: accepted non-ASCII id '{id}'");
                Assert.True(version is null or >= 1 and <= ArxivId.MaxVersion, $"seed {seed}, case {i}");
            }
        }
    }
}
