using System.Text;
using System.Xml;
using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("Attention Is All You Need", "Attention Is All You Need")]
    [InlineData("  wrapped\n  title\tand\r\nmore  ", "wrapped title and more")]
    [InlineData("nul\u0000bell\u0007escape\u001b[0m", "nulbellescape[0m")]
    [InlineData("C1\u0080\u009bcontrols", "C1controls")]
    [InlineData("next\u0085line", "next line")]
    [InlineData("non\uFFFEchar\uFFFFacters", "noncharacters")]
    [InlineData("arabic\uFDD0presentation\uFDEFrange\uFDF0kept", "arabicpresentationrange\uFDF0kept")]
    [InlineData("plane\U0001FFFEend\U0010FFFFs", "planeends")]
    [InlineData("emoji 🚀 and math 𝒜 kept", "emoji 🚀 and math 𝒜 kept")]
    [InlineData("combining e\u0301 and rtl \u202Eabc and zero-width\u200B", "combining e\u0301 and rtl \u202Eabc and zero-width\u200B")]
    [InlineData("replacement \uFFFD stays", "replacement \uFFFD stays")]
    [InlineData("\uFFFE\uFFFF \u0000", null)]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void CleanKeepsTextAndDropsWhatNoDownstreamPartCanCarry(string? raw, string? expected)
    {
        Assert.Equal(expected, SafeText.Clean(raw));
    }

    // Not theory data: the test framework turns a lone surrogate in serialized data into U+FFFD.
    [Fact]
    public void UnpairedSurrogatesAreDroppedAndPairsKept()
    {
        Assert.Equal("lonehigh", SafeText.Clean("lone\uD800high"));
        Assert.Equal("lonelow", SafeText.Clean("lone\uDC00low"));
        Assert.Equal("reversedpair", SafeText.Clean("reversed\uDC00\uD800pair"));
        Assert.Equal("ends with a high surrogate", SafeText.Clean("ends with a high surrogate\uD83D"));
        Assert.Equal("\uD83D\uDE80", SafeText.Clean("\uD800\uD83D\uDE80\uDC00"));
        Assert.Null(SafeText.Clean("\uD800 \uDFFF"));
    }

    [Fact]
    public void AnyStringComesOutCleanIdempotentAndAcceptedByNormalizationUtf8AndXml()
    {
        var random = new Random(20261204);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var round = 0; round < 20_000; round++)
        {
            var raw = RandomUtf16(random, random.Next(0, 40));
            string? clean = null;
            try
            {
                clean = SafeText.Clean(raw);
                if (clean is null)
                {
                    continue;
                }
                Assert.Equal(clean, SafeText.Clean(clean));
                Assert.Equal(clean.Trim(), clean);
                Assert.DoesNotContain("  ", clean, StringComparison.Ordinal);
                _ = clean.Normalize(NormalizationForm.FormKC);
                _ = strict.GetBytes(clean);
                _ = XmlConvert.VerifyXmlChars(clean);
            }
            catch (Exception exception)
            {
                Assert.Fail($"round {round} (seed 20261204): {Escape(raw)} -> {Escape(clean)}: {exception.Message}");
            }
        }
    }

    [Fact]
    public void ClipNeverSplitsASurrogatePair()
    {
        Assert.Equal("ab", SafeText.Clip("ab\U0001F600", 3));
        Assert.Equal("abc", SafeText.Clip("abc", 3));
    }

    // Code units weighted towards the troublesome ranges: controls, whitespace, surrogates, noncharacters.
    private static string RandomUtf16(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(8) switch
            {
                0 => (char)random.Next(0, 0x21),
                1 => (char)random.Next(0x7F, 0xA1),
                2 => (char)random.Next(0xD800, 0xE000),
                3 => (char)random.Next(0xFDD0, 0xFDF0),
                4 => (char)(0xFFFE + random.Next(2)),
                5 => " \u00A0\u2028\u3000"[random.Next(4)],
                _ => (char)random.Next(0x20, 0x10000),
            };
        }
        return new string(chars);
    }

    private static string Escape(string? text) =>
        text is null ? "null" : string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
