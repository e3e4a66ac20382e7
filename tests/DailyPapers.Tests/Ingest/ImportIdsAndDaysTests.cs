using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// Ids and days that only look valid (a version past any integer, digits from another script, a feed
/// day in year 9999) are reported per record with the reason, and the good records around them import.
/// </summary>
public sealed class ImportIdsAndDaysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task JsonLinesWithImpossibleIdsAndDaysReportThoseRecordsAndImportTheRest(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "2501.00001", "title": "Good before", "hf_date": "2025-01-02"}""",
            """{"id": "2501.00002v99999999999", "title": "Version past any integer"}""",
            """{"id": "٢٥٠١.٠٥٠٠٢", "title": "Arabic-Indic digits"}""",
            """{"id": "2501.00004", "title": "Feed day in year 9999", "hf_date": "9999-12-31"}""",
            """{"id": "2501.00005", "title": "Published before arXiv", "published": "1900-01-01"}""",
            """{"id": "2501.00006", "title": "Feed day with Unicode digits", "hf_date": "٢٠٢٥-01-02"}""",
            """{"id": "2501.00007v2", "title": "Good after", "published": "2025-01-01T10:00:00Z"}""",
        ], Ct);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.SomeSkipped, exitCode);
        var problems = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, problems.Length);
        Assert.StartsWith(input + ":2: invalid arXiv id '2501.00002v99999999999': version v99999999999 out of range (v1 to v999)", problems[0], StringComparison.Ordinal);
        Assert.StartsWith(input + ":3: invalid arXiv id '٢٥٠١.٠٥٠٠٢': not ASCII digits", problems[1], StringComparison.Ordinal);
        Assert.StartsWith(input + ":4: 2501.00004: feed day 9999-12-31 is outside the plausible days 1991-08-01 to ", problems[2], StringComparison.Ordinal);
        Assert.StartsWith(input + ":5: 2501.00005: published time 1900-01-01T00:00:00Z is outside the plausible days", problems[3], StringComparison.Ordinal);
        Assert.StartsWith(input + ":6: invalid hf_date", problems[4], StringComparison.Ordinal);
        Assert.Contains("inserted 2,", stdout, StringComparison.Ordinal);
        await using var db = CatalogDump.Open(database);
        Assert.Equal(["2501.00001", "2501.00007"], await db.Papers.OrderBy(p => p.ArxivId).Select(p => p.ArxivId).ToListAsync(Ct));
        Assert.Equal([new DateOnly(2025, 1, 2)], await db.DailyEntries.Select(e => e.Day).ToListAsync(Ct));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnOaiRecordWithAnImpossibleVersionIsReportedAndTheOthersImport(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(database.DataDirectory, "records.xml");
        await File.WriteAllTextAsync(input, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
            <responseDate>2025-01-08T10:00:15Z</responseDate>
            <ListRecords>
            {Record("2501.00001", "v1")}
            {Record("2501.00002v99999999999", "v1")}
            {Record("2501.00003", "v99999999999")}
            {Record("2501.00004", "v1", created: "Fri, 31 Dec 9999 10:00:00 GMT")}
            </ListRecords>
            </OAI-PMH>
            """, Ct);

        var (exitCode, _, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.SomeSkipped, exitCode);
        var problems = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, problems.Length);
        Assert.Contains("record id: invalid arXiv id '2501.00002v99999999999': version v99999999999 out of range", problems[0], StringComparison.Ordinal);
        Assert.Contains("2501.00004: published time 9999-12-31T10:00:00Z is outside the plausible days", problems[1], StringComparison.Ordinal);
        await using var db = CatalogDump.Open(database);
        // A version entry out of range is left out, as an unreadable one always was; the record still imports.
        Assert.Equal(["2501.00001", "2501.00003"], await db.Papers.OrderBy(p => p.ArxivId).Select(p => p.ArxivId).ToListAsync(Ct));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task DaysGivenOnTheCommandLineOutsideThePlausibleDaysAreRefusedBeforeAnyWork(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(database.DataDirectory, "response.json");
        File.Copy(IngestFixtures.PathOf("hf-api", "daily_papers__date=2025-06-23.json"), input);

        var import = await CliProcess.RunAsync(database, "import", input, "--date", "9999-12-31");
        var harvest = await CliProcess.RunAsync(database, "harvest", "hf", "--date", "2025-06-23", "--until", "9999-12-31");

        Assert.Equal(ImportCommand.UnusableInput, import.ExitCode);
        Assert.StartsWith("--date: 9999-12-31 is outside the plausible days 1991-08-01 to ", import.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, harvest.ExitCode);
        Assert.StartsWith("harvest: --until: 9999-12-31 is outside the plausible days 1991-08-01 to ", harvest.Stderr, StringComparison.Ordinal);
        await using var db = CatalogDump.Open(database);
        Assert.False(await db.Papers.AnyAsync(Ct));
    }

    private static string Record(string id, string version, string created = "Wed, 1 Jan 2025 10:00:00 GMT") => $"""
        <record><header><identifier>oai:arXiv.org:{id}</identifier><datestamp>2025-01-07</datestamp></header>
        <metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>{id}</id><version version="{version}"><date>{created}</date></version>
        <title>Paper {id}</title><authors>Ada Lovelace</authors><categories>cs.LG</categories><abstract>Text.</abstract></arXivRaw></metadata></record>
        """;
}
