using DailyPapers.Papers;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>arXiv could not be asked (offline, throttled, timing out): the caller stores nothing and says so.</summary>
public sealed class ArxivUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One paper from the arXiv API (<c>query?id_list=…</c>), parsed by the same Atom reader the
/// importer uses. A reader is waiting, so the answer must come quickly: arXiv's own throttling
/// retries are cut off after <see cref="Patience"/>.
/// </summary>
public sealed class ArxivLookup(HarvestClient client, IOptions<HarvestOptions> options)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The paper's record, or null when arXiv has no such paper.</summary>
    public async Task<PaperRecord?> FindAsync(string arxivId, CancellationToken cancellationToken)
    {
        var url = new Uri($"{options.Value.ArxivApiUrl}?id_list={Uri.EscapeDataString(arxivId)}&max_results=1");
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        MemoryStream body;
        try
        {
            body = await client.GetAsync(url, progress: null, patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArxivUnavailableException($"arXiv did not answer within {Patience.TotalSeconds:0} seconds.");
        }
        catch (HarvestException failure)
        {
            throw new ArxivUnavailableException("arXiv could not be reached: " + failure.Message, failure);
        }
        await using (body)
        {
            // arXiv answers an unknown id with an empty feed (or an error entry the reader reports as a bad record).
            return ArxivAtomFeed.Parse(body, url.ToString())
                .Select(item => item.Record)
                .FirstOrDefault(record => record is not null && string.Equals(ArxivId.Normalize(record.ArxivId), arxivId, StringComparison.Ordinal));
        }
    }
}
