using System.Globalization;
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
        await writer.RefreshStatisticsAsync(cancellationToken);
    }

    private async Task Parse(string path, string displayName, ImportFormat format, ImportOptions options, ImportProgress progress,
        ChannelWriter<List<PaperRecord>> batches, CancellationToken cancellationToken)
    {
        // Outside the try: when reading fails mid-file, the records parsed before the damage are
        // still good and are written below, not dropped with the batch in progress.
        var batch = new List<PaperRecord>(BatchSize);
        var (good, bad) = (0L, 0L);
        var lastGood = (Location: (string?)null, Position: 0L);
        InputFile? input = null;
        try
        {
            input = InputFile.Open(path);
            progress.Reading(input);
            foreach (var item in format.Parse(input.Content, displayName, options))
            {
                if (item.Record is { } record)
                {
                    good++;
                    lastGood = (item.Location, input.Position);
                    progress.Good();
                    if (item.Notes is { } notes)
                    {
                        progress.Noted(item.Location, notes);
                    }
                    batch.Add(record);
                }
                else
                {
                    bad++;
                    progress.Bad(item.Location, item.Error ?? "unreadable record");
                }
                if (batch.Count == BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new List<PaperRecord>(BatchSize);
                }
            }
            if (good == 0 && bad > 0)
            {
                // Nothing but errors: the file is not what it was read as, or wholly broken.
                progress.Failed($"{displayName}: no record could be read from it as {format.Description} ({bad} reported above)",
                    $"{displayName}: no record could be read");
            }
        }
        catch (UnreadableInputException exception)
        {
            // The parser knows the record where the input broke off; that says more than a byte count.
            progress.Failed(exception.Message, $"{displayName}: read to {exception.Location}, the rest is unreadable");
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            var (message, unread) = Describe(displayName, input, lastGood, exception);
            progress.Failed(message, unread);
        }
        finally
        {
            input?.Dispose();
        }
        try
        {
            if (batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batches.Complete();
        }
    }

    /// <summary>
    /// Why a file could not be read to the end, and how far it was read. Deflate has no checksum
    /// before the end of the file, so a decompressor can turn damaged bytes into garbage for a long
    /// way (those lines are reported as bad records) and fail only at the final checksum; the last
    /// good record says better where the damage is. Its byte is approximate: the file is read ahead.
    /// </summary>
    private static (string Message, string Unread) Describe(string displayName, InputFile? input, (string? Location, long Position) lastGood, Exception exception)
    {
        var reason = exception.Message.TrimEnd('.');
        if (input is null)
        {
            return ($"{displayName}: cannot be opened: {reason}", $"{displayName}: not read");
        }
        var stopped = string.Create(CultureInfo.InvariantCulture, $"byte {input.Position} of {input.Length}");
        if (!input.IsGzip || exception is not InvalidDataException)
        {
            return ($"{displayName}: cannot read further than {stopped}: {reason}", $"{displayName}: read to {stopped}, the rest is unreadable");
        }
        var damagedAfter = lastGood.Location is null ? "its start" : string.Create(CultureInfo.InvariantCulture, $"byte ~{lastGood.Position} of {input.Length}");
        return ($"{displayName}: the gzip data is damaged after {damagedAfter} (last good record {lastGood.Location ?? "none"}; " +
                $"decompression failed at {stopped}: {reason}); the rest of the file was not read",
            $"{displayName}: read to {lastGood.Location ?? "its start"}, the rest is damaged");
    }
}
