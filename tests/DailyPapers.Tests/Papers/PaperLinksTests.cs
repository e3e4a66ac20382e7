using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class PaperLinksTests
{
    [Theory]
    [InlineData("https://github.com/owner/repo", "https://github.com/owner/repo")]
    [InlineData("http://example.org/project", "http://example.org/project")]
    [InlineData(" https://example.org ", "https://example.org/")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JAVASCRIPT:alert(1)", null)]
    [InlineData("data:text/html,<script>", null)]
    [InlineData("//evil.example/x", null)]
    [InlineData("github.com/owner/repo", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void OnlyAbsoluteHttpLinksAreKept(string? url, string? expected) =>
        Assert.Equal(expected, PaperLinks.ExternalOrNull(url));

    [Theory]
    [InlineData("Ada Lovelace", "/authors/Ada%20Lovelace")]
    [InlineData("José Álvarez", "/authors/Jos%C3%A9%20%C3%81lvarez")]
    [InlineData("A/B", "/authors/A%2FB")]
    public void AuthorAddressesEscapeTheName(string name, string expected) =>
        Assert.Equal(expected, PaperLinks.AuthorPath(name));

    [Theory]
    [InlineData("10.1103/PhysRevB.85.115117", "https://doi.org/10.1103/PhysRevB.85.115117")]
    [InlineData("10.1000/a b#c", "https://doi.org/10.1000/a%20b%23c")]
    public void DoiLinksKeepTheSlashAndEscapeTheRest(string doi, string expected) =>
        Assert.Equal(expected, PaperLinks.DoiUrl(doi));

    [Theory]
    [InlineData("2405.15738", "/papers/2405.15738")]
    [InlineData("hep-th/9901001", "/papers/hep-th/9901001")]
    public void PaperAddressesKeepOldStyleSlashes(string id, string expected) =>
        Assert.Equal(expected, PaperLinks.PagePath(id));

    [Theory]
    [InlineData("https://github.com/owner/repo/", "github.com/owner/repo")]
    [InlineData("https://example.org", "example.org")]
    public void CodeLinksAreNamedByHostAndPath(string url, string expected) => Assert.Equal(expected, PaperLinks.Host(url));
}
