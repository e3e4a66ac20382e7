using System.Globalization;
using System.Text.RegularExpressions;
using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Ingest;

/// <summary>The import summary accounts for every record once, and an input that yields nothing says why.</summary>
public sealed partial class ImportSummaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TheSummaryOfAMixedFileAddsUpOnTheFirstRunAndTheSecond(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(database.DataDirectory, "mixed.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "2501.00001", "title": "One", "hf_date": "2025-01-02"}""",
            """{"id": "2501.00002", "title": "Two"}""",
            """{"id": "2501.00001", "title": "One again", "upvotes": 4}""",
            """{"id": "2501.00001v2", "title": "One, second version"}""",
            """{"id": "2501.00003", "title": ""}""",
            """{"id": "2501.00002", "title": "Two again"}""",
            """not json""",
        ], Ct);

        var first = await CliProcess.RunAsync(database, "import", input);
        var second = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.SomeSkipped, first.ExitCode);
        Assert.Equal(new Counts(7, 2, 0, 0, 3, 2), Read(first.Stdout));
        Assert.Equal(new Counts(7, 0, 0, 2, 3, 2), Read(second.Stdout));
        Assert.All(new[] { Read(first.Stdout), Read(second.Stdout) }, counts =>
            Assert.Equal(counts.Read, counts.Inserted + counts.Updated + counts.Unchanged + counts.Merged + counts.Skipped));
    }

    [Theory]
    [InlineData("doctype", null, ": DTDs are not allowed (an OAI-PMH response has none)")]
    [InlineData("json", "oai", ":1: not XML (an OAI-PMH response was expected)")]
    [InlineData("jsonl", "hf-api", "no record could be read from it as Hugging Face /api/daily_papers response (JSON array) (1 reported above)")]
    [InlineData("xml", "jsonl", "no record could be read from it as DailyPapers JSON lines (hf-daily-papers, arxiv-corpus) (3 reported above)")]
    public async Task AFileThatYieldsNoRecordsIsAnUnusableInputWithAReason(string kind, string? format, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var input = Path.Combine(database.DataDirectory, "input." + kind);
        await File.WriteAllTextAsync(input, kind switch
        {
            // Harmless, but an OAI-PMH response never has one, and reading it would open the door to XXE.
            "doctype" => """
                <?xml version="1.0"?>
                <!DOCTYPE OAI-PMH>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords/></OAI-PMH>
                """,
            "json" => """[{"paper": {"id": "2405.15738", "title": "One"}}]""",
            "jsonl" => """{"id": "2405.15738", "title": "One"}""",
            _ => "<?xml version=\"1.0\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\n</OAI-PMH>\n",
        }, Ct);
        string[] args = format is null ? ["import", input] : ["import", input, "--format", format];

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, args);

        Assert.Equal(ImportCommand.UnusableInput, exitCode);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.StartsWith(input, stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}: no record could be read", stdout, StringComparison.Ordinal);
    }

    private sealed record Counts(long Read, long Inserted, long Updated, long Unchanged, long Merged, long Skipped);

    private static Counts Read(string stdout)
    {
        var match = Summary().Match(stdout);
        Assert.True(match.Success, stdout);
        long Count(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new Counts(Count("read"), Count("inserted"), Count("updated"), Count("unchanged"), Count("merged"), Count("skipped"));
    }

    [GeneratedRegex(@"(?m)^read (?<read>\d+), inserted (?<inserted>\d+), updated (?<updated>\d+), unchanged (?<unchanged>\d+), merged duplicates (?<merged>\d+), skipped (?<skipped>\d+),")]
    private static partial Regex Summary();
}
