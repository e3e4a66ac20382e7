using System.CommandLine;
using DailyPapers.Search;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers embed [--limit N]</c>: embeds every paper whose embedding for the configured model
/// is missing or out of date. Each batch commits by itself, so after an interruption (even
/// <c>kill -9</c>) running it again continues where it stopped.
/// </summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var limit = new Option<int?>("--limit") { Description = "Embed at most N papers, then stop" };
        var command = new Command("embed", "Compute missing paper embeddings for semantic search (resumable).") { limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) is < 1)
            {
                await Console.Error.WriteLineAsync("--limit: must be at least 1");
                return 2;
            }
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            var embedder = host.Services.GetRequiredService<PaperEmbedder>();
            var view = new EmbedProgressView(host.Services.GetRequiredService<TimeProvider>());
            var done = await view.RunAsync("embed " + embedder.ModelKey,
                progress => embedder.EmbedPendingAsync(parse.GetValue(limit), progress, cancellationToken));
            await using var indexes = host.Services.GetRequiredService<SearchIndexes>();
            await indexes.CatchUpAsync(cancellationToken);
            Console.WriteLine(indexes.IsOwner
                ? $"embedded {done} papers; the vector index holds {indexes.VectorCount}"
                : $"embedded {done} papers; the running site adds them to its vector index");
            return 0;
        });
        return command;
    }
}
