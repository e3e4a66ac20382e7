using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class ArxivAuthorsTests
{
    [Theory]
    [InlineData("D.V. Shetty, S.J. Yennello, and G.A. Souliotis", new[] { "D.V. Shetty", "S.J. Yennello", "G.A. Souliotis" })]
    [InlineData("Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo", new[] { "Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo" })]
    [InlineData("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan", new[] { "C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan" })]
    [InlineData("Paul Harvey, Nicholas\n  Chapman, Neal J. Evans II, Philip C. Myers", new[] { "Paul Harvey", "Nicholas Chapman", "Neal J. Evans II", "Philip C. Myers" })]
    [InlineData("John Smith, Jr., Jane Doe", new[] { "John Smith Jr.", "Jane Doe" })]
    [InlineData("A. Author (MIT, Cambridge), B. Author (for the ATLAS and CMS Collaborations)", new[] { "A. Author", "B. Author" })]
    [InlineData("J. M\\\"uller and K. \\v{S}koda and {\\O}. Gr{\\o}n", new[] { "J. Müller", "K. Škoda", "Ø. Grøn" })]
    [InlineData("S. Fern\\'{a}ndez & R. Ram\\'{\\i}rez; T. Stra\\ss e", new[] { "S. Fernández", "R. Ramírez", "T. Straße" })]
    [InlineData("Brandon Sand and Alexander Anderson", new[] { "Brandon Sand", "Alexander Anderson" })]
    [InlineData("ATLAS Collaboration", new[] { "ATLAS Collaboration" })]
    public void SplitsRawAuthorListsIntoUnicodeNames(string raw, string[] expected)
    {
        Assert.Equal(expected, ArxivAuthors.Split(raw)!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ,  and ")]
    public void AnEmptyAuthorListIsUnsaid(string? raw)
    {
        Assert.Null(ArxivAuthors.Split(raw));
    }

    [Theory]
    [InlineData("Sander", "Uijlen", null, "Sander Uijlen")]
    [InlineData("Neal J.", "Evans", "II", "Neal J. Evans II")]
    [InlineData(null, "ATLAS Collaboration", null, "ATLAS Collaboration")]
    [InlineData("C.", "Bal\\'azs", null, "C. Balázs")]
    public void JoinsStructuredNameParts(string? forenames, string keyname, string? suffix, string expected)
    {
        Assert.Equal(expected, ArxivAuthors.Join(forenames, keyname, suffix));
    }
}
