using DailyPapers.Cli;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Cli;

public sealed class HarvestCommandTests
{
    private static IEnumerable<string> Errors(string commandLine) =>
        HarvestCommand.Create().Parse(commandLine).Errors.Select(e => e.Message);

    [Theory]
    [InlineData("arxiv")]
    [InlineData("arxiv --from 2024-03-01")]
    [InlineData("arxiv --from 2024-03-01 --until 2024-03-31 --set physics:hep-th --format arXiv")]
    [InlineData("hf --date 2025-06-23")]
    [InlineData("hf --date 2025-06-23 --until 2025-06-30")]
    public void AcceptsTheDocumentedForms(string commandLine)
    {
        Assert.Empty(Errors(commandLine));
    }

    [Theory]
    [InlineData("arxiv --from 2024-13-01", "--from: '2024-13-01' is not a day (YYYY-MM-DD).")]
    [InlineData("arxiv --until yesterday", "--until: 'yesterday' is not a day (YYYY-MM-DD).")]
    [InlineData("arxiv --from 2024-03-02 --until 2024-03-01", "--until must not be before --from.")]
    [InlineData("hf --date 2025-06-23 --until 2025-06-22", "--until must not be before --date.")]
    [InlineData("hf --date 23/06/2025", "--date: '23/06/2025' is not a day (YYYY-MM-DD).")]
    [InlineData("hf --date \u0662\u0660\u0662\u0665-06-23", "--date: '\u0662\u0660\u0662\u0665-06-23' is not a day (YYYY-MM-DD).")]
    public void RejectsBadDaysWithAMessageThatSaysWhy(string commandLine, string expected)
    {
        Assert.Contains(expected, Errors(commandLine));
    }

    [Fact]
    public void RejectsAnUnknownMetadataFormatAndAMissingDate()
    {
        Assert.Contains(Errors("arxiv --format oai_dc"), message => message.Contains("oai_dc", StringComparison.Ordinal));
        Assert.Contains(Errors("hf"), message => message.Contains("--date", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "(self-hosted research paper catalog)")]
    [InlineData("ops@example.org", "(+ops@example.org)")]
    [InlineData("ops@example.org\r\nX-Injected: 1", "(+ops@example.org X-Injected: 1)")]
    public void TheUserAgentNamesTheSoftwareAndTheOperatorsContactOnOneLine(string? contact, string expectedEnd)
    {
        var userAgent = HarvestSetup.UserAgent(contact);

        Assert.StartsWith("DailyPapers/", userAgent, StringComparison.Ordinal);
        Assert.EndsWith(expectedEnd, userAgent, StringComparison.Ordinal);
    }
}
