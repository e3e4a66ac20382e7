using System.Threading.Channels;

namespace DailyPapers.Ingest;

/// <summary>
/// Reads input files and writes their papers through <see cref="CatalogWriter"/> in batches, with
/// parsing running one step ahead of writing on a second thread. Unreadable records are reported
/// and skipped; the rest of the file still imports.
/// </summary>
public sealed class CatalogImporter(CatalogWriter writer)
{
    /// <summary>Large enough that per-transaction costs vanish, small enough that an interrupted run loses little.</summary>
    public const int DefaultBatchSize = 5000;

    /// <summary>Daily entries created by an import come from Hugging Face data (the only inputs with feed days).</summary>
    public const string Source = "import:hf";

    public int BatchSize { get; init; } = DefaultBatchSize;

    public async Task ImportAsync(string path, string displayName, ImportFormat format, ImportOptions options, ImportProgress progress, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<List<PaperRecord>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsing = Task.Run(() => Parse(path, displayName, format, options, progress, batches.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                progress.Wrote(await writer.WriteAsync(batch, Source, cancellationToken));
            }
        }
        finally
        {
            // If writing failed, stop the parser too; its own failure (if any) is surfaced below.
            await stop.CancelAsync();
            await parsing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await parsing;
    }

    private async Task Parse(string path, string displayName, ImportFormat format, ImportOptions options, ImportProgress progress,
        ChannelWriter<List<PaperRecord>> batches, CancellationToken cancellationToken)
    {
        try
        {
            using var input = InputFile.Open(path);
            progress.Reading(input);
            var batch = new List<PaperRecord>(BatchSize);
            foreach (var item in format.Parse(input.Content, displayName, options))
            {
                if (item.Record is { } record)
                {
                    progress.Good();
                    batch.Add(record);
                }
                else
                {
                    progress.Bad(item.Location, item.Error ?? "unreadable record");
                }
                if (batch.Count == BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new List<PaperRecord>(BatchSize);
                }
            }
            if (batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // A truncated gzip or a vanished file: what was read before stands, the rest is reported.
            progress.Failed($"{displayName}: cannot read further: {exception.Message}");
        }
        finally
        {
            batches.Complete();
        }
    }
}
