using System.CommandLine;
using DailyPapers.Search;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers reindex</c>: rebuilds the keyword and vector indexes from the database (stored
/// embeddings are reused; nothing is re-embedded). When the site is running on the same data
/// directory it owns the indexes, so it is asked to rebuild them on its next round instead.
/// </summary>
public static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild the search indexes from the database.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var indexes = host.Services.GetRequiredService<SearchIndexes>();
            var outcome = await indexes.RebuildAsync(cancellationToken);
            Console.WriteLine(outcome.RebuiltHere
                ? $"reindexed {outcome.Indexed.KeywordDocuments} papers and {outcome.Indexed.Vectors} embeddings in {indexes.Folder}"
                : $"the running site owns {indexes.Folder}; it will rebuild the indexes on its next refresh");
            if (outcome.Indexed.NotIndexed > 0)
            {
                Console.Error.WriteLine($"{outcome.Indexed.NotIndexed} papers were left out of the keyword index (their ids and reasons are in the log)");
            }
            return 0;
        });
        return command;
    }
}
