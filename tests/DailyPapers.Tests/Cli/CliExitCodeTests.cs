using DailyPapers.Cli;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Ingest;

namespace DailyPapers.Tests.Cli;

/// <summary>Exit codes a script can act on: a crash is never mistaken for skipped records or a bad input.</summary>
public sealed class CliExitCodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("import")]
    [InlineData("reindex")]
    [InlineData("search")]
    [InlineData("embed")]
    public async Task AnUnhandledFailureHasItsOwnExitCodeAndOneClearLine(string verb)
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);
        var input = Path.Combine(database.DataDirectory, "papers.jsonl");
        await File.WriteAllTextAsync(input, """{"id": "2405.15738", "title": "One"}""", Ct);
        // A damaged database: every verb that opens the catalog fails in a way no input check foresees.
        await File.WriteAllTextAsync(Path.Combine(database.DataDirectory, "dailypapers.db"), new string('x', 8192), Ct);
        string[] args = verb switch
        {
            "import" => ["import", input],
            "search" => ["search", "transformers"],
            _ => [verb],
        };

        var (exitCode, _, stderr) = await CliProcess.RunAsync(database, args);

        Assert.Equal(CliCommands.UnexpectedFailure, exitCode);
        var firstLine = stderr.Split('\n')[0];
        Assert.StartsWith(verb + ": unexpected failure (SqliteException: ", firstLine, StringComparison.Ordinal);
        Assert.Contains("file is not a database", firstLine, StringComparison.Ordinal);
        // The details (exception type and stack) are logged after it, for a bug report.
        Assert.Contains("Microsoft.Data.Sqlite.SqliteException", stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import --format")]
    [InlineData("harvest hf")]
    [InlineData("search")]
    public async Task ABadCommandLineIsAnUnusableInputNotSkippedRecords(string commandLine)
    {
        await using var database = await TestDatabase.CreateAsync(Lane.Sqlite);

        var (exitCode, _, stderr) = await CliProcess.RunAsync(database, commandLine.Split(' '));

        Assert.Equal(CliCommands.CommandLineError, exitCode);
        Assert.Equal(ImportCommand.UnusableInput, CliCommands.CommandLineError);
        Assert.NotEmpty(stderr);
        Assert.False(File.Exists(Path.Combine(database.DataDirectory, "dailypapers.db")));
    }
}
