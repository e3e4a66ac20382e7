using System.CommandLine;
using DailyPapers.Jobs;
using DailyPapers.Search;
using Microsoft.Extensions.Options;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers embed [--limit N]</c>: embeds every paper whose embedding for the configured model
/// is missing or out of date. Each batch commits by itself, so after an interruption (even
/// <c>kill -9</c>) running it again continues where it stopped. Takes the cluster's <c>embed</c>
/// lease, so it never runs the model beside a site that embeds in the background (exit 75).
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
            var jobs = host.Services.GetRequiredService<ClusterJobs>();
            var lease = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value.EmbedLease;
            var run = await jobs.RunOnceAsync(JobNames.Embed, lease, ct => view.RunAsync("embed " + embedder.ModelKey,
                progress => embedder.EmbedPendingAsync(parse.GetValue(limit), progress, ct)), cancellationToken);
            if (!run.Ran)
            {
                // Two embedders would run the model twice for the same papers; the holder stores them for every node.
                await Console.Error.WriteLineAsync(
                    $"embed: {await jobs.HolderAsync(JobNames.Embed, cancellationToken) ?? "another process"} is embedding (the site does with Search:EmbedInBackground); nothing done, try again later.");
                return CliCommands.LeaseHeld;
            }
            var done = run.Result;
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
