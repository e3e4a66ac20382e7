using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Ingest;

/// <summary>
/// Text that only the door stops (issue: one title holding U+FFFE stopped search indexing for good;
/// a 60 MB abstract was stored and served whole): cleaned or cut at import, reported, and searchable.
/// </summary>
public sealed class ImportTextDoorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NoncharactersAreCleanedOversizedFieldsCutAndReportedAndThePaperIsFoundBySearch(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        var hugeAbstract = string.Concat(Enumerable.Repeat("Stabilizer measurements protect logical qubits. ", 4000));
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "2501.00001", "title": "Good before", "abstract": "Nothing odd here."}""",
            """{"id": "2501.00002", "title": "Surface Codes\ufffe for Quantum\uffff Error Correction\ufdd0", "abstract": "Topological codes\u0007 protect qubits.\u0000"}""",
            $$"""{"id": "2501.00003", "title": "Holographic Qubit Stabilizers", "abstract": "{{hugeAbstract}}"}""",
            """{"id": "2501.00004", "title": "\ufffe\uffff"}""",
            """{"id": "2501.00005", "title": "Good after"}""",
        ], Ct);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(database, "import", input);

        Assert.Equal(ImportCommand.SomeSkipped, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{input}:3: kept, abstract cut to 10,000 characters (it had {hugeAbstract.Length - 1:N0})", lines[0]);
        Assert.StartsWith($"{input}:4: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("title", lines[1], StringComparison.Ordinal);
        Assert.Contains("read 5, inserted 4, updated 0, unchanged 0, merged duplicates 0, skipped 1, new daily entries 0 (of them 1 kept with a field cut to its limit)", stdout, StringComparison.Ordinal);

        await using (var db = CatalogDump.Open(database))
        {
            var cleaned = await db.Papers.SingleAsync(p => p.ArxivId == "2501.00002", Ct);
            Assert.Equal("Surface Codes for Quantum Error Correction", cleaned.Title);
            Assert.Equal("Topological codes protect qubits.", cleaned.Abstract);
            var cut = await db.Papers.SingleAsync(p => p.ArxivId == "2501.00003", Ct);
            Assert.InRange(cut.Abstract!.Length, 9_900, 10_000);
        }

        var (searchExit, found, _) = await CliProcess.RunAsync(database, "search", "surface codes quantum error correction");
        Assert.Equal(0, searchExit);
        Assert.Contains("2501.00002", found, StringComparison.Ordinal);
        var (_, foundAfter, _) = await CliProcess.RunAsync(database, "search", "Good after");
        Assert.Contains("2501.00005", foundAfter, StringComparison.Ordinal);
    }
}
