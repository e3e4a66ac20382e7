using System.CommandLine;
using DailyPapers.Search;

namespace DailyPapers.Cli;

/// <summary>
/// <c>dailypapers embeddings export FILE</c> writes the catalog's current embeddings for the
/// configured model to a compact file; <c>dailypapers embeddings import FILE</c> reads one back
/// (into another site, or a fresh one) so that no paper is embedded twice. Exit codes: 0 done,
/// 1 done with records skipped as bad, 2 the file is unusable (not an embeddings file, another
/// model, cut off: the batches before the cut stay imported, and importing again is safe).
/// </summary>
public static class EmbeddingsCommand
{
    public static Command Create()
    {
        var embeddings = new Command("embeddings", "Move paper embeddings in and out of a portable file (int8, model named in its header).");
        embeddings.Subcommands.Add(Export());
        embeddings.Subcommands.Add(Import());
        return embeddings;
    }

    private static Command Export()
    {
        var file = new Argument<string>("file") { Description = "The file to write (gzip-compressed)" };
        var command = new Command("export", "Write every current embedding of the configured model to FILE.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var transfer = scope.ServiceProvider.GetRequiredService<EmbeddingsTransfer>();
            var temporary = path + ".partial";
            int count;
            await using (var output = File.Create(temporary))
            {
                count = await transfer.ExportAsync(output, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"{path}: {count} embeddings of {scope.ServiceProvider.GetRequiredService<EmbeddingText>().ModelKey}, {new FileInfo(path).Length / 1024} KB");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "An embeddings file written by `embeddings export`" };
        var command = new Command("import", "Read embeddings from FILE for the papers of the catalog whose text they were made from.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"{path}: no such file");
                return 2;
            }
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            EmbeddingsImportResult result;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                try
                {
                    await using var input = File.OpenRead(path);
                    result = await scope.ServiceProvider.GetRequiredService<EmbeddingsTransfer>().ImportAsync(input, path, null, cancellationToken);
                }
                catch (InvalidDataException unusable)
                {
                    await Console.Error.WriteLineAsync(unusable.Message);
                    return 2;
                }
            }
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }
            await using var indexes = host.Services.GetRequiredService<SearchIndexes>();
            await indexes.CatchUpAsync(cancellationToken);
            Console.WriteLine($"read {result.Read}: imported {result.Imported}, already current {result.Unchanged}, not in the catalog {result.NotInCatalog}, " +
                $"text changed since (left to `embed`) {result.TextDiffers}, bad {result.Problems.Count}");
            return result.Problems.Count > 0 ? 1 : 0;
        });
        return command;
    }
}
