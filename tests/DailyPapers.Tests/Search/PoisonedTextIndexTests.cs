using DailyPapers.Ingest;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>
/// Papers whose text never passed the import door (written straight through the catalog writer, as an
/// older version or a hand-edited database could leave them): the index rounds, embedding and a
/// rebuild still complete, and every paper, the poisoned ones too, is found. A title holding U+FFFE
/// made Unicode normalization throw in the keyword index, which failed every later round.
/// </summary>
[Collection(EmbeddingModelGroup.Name)]
public sealed class PoisonedTextIndexTests
{
    private static readonly PaperRecord[] Poisoned =
    [
        SearchApp.Paper("2402.00001", "Surface Codes\uFFFE for Quantum Error Correction", "Stabilizer\uFFFF measurements\uD800 protect logical qubits."),
        SearchApp.Paper("2402.00002", "Lone\uDC00 Surrogates in Holographic Tensor Networks", "Tensor networks\uFDD0 model holography\u0000.", "cs.LG", 0, "Ada\uFFFE Lovelace"),
        SearchApp.Paper("2402.00003", "\U0001FFFE\u202EReversed\u0007 Bell Inequalities", "Bell tests\u001b[31m with \U0010FFFF entangled photons."),
    ];

    [Fact]
    public async Task IndexRoundsEmbeddingAndRebuildCompleteAndFindEveryPaper()
    {
        await using var app = await SearchApp.CreateAsync(Lane.Sqlite);
        await app.WriteAsync(Poisoned);
        await app.CatchUpAsync();
        await app.WriteAsync(SearchApp.Paper("2402.00004", "Graph Neural Networks for Molecules", "Message passing predicts chemical properties."));

        var round = await app.CatchUpAsync();
        Assert.Equal(0, round.NotIndexed);
        Assert.Equal(4, await app.EmbedAsync());
        await app.CatchUpAsync();

        foreach (var (query, id) in new[]
        {
            ("surface codes quantum error correction", "2402.00001"),
            ("holographic tensor networks surrogates", "2402.00002"),
            ("reversed bell inequalities", "2402.00003"),
            ("graph neural networks molecules", "2402.00004"),
            ("Ada Lovelace", "2402.00002"),
        })
        {
            Assert.Contains(id, SearchApp.Ids(await app.SearchAsync(query, SearchMode.Keyword)));
            Assert.Contains(id, SearchApp.Ids(await app.SearchAsync(query)));
        }
        // The exact-title lane keys titles by their normalized form, which is where U+FFFE threw.
        var exact = await app.SearchAsync("Surface Codes for Quantum Error Correction");
        Assert.True(exact.Hits[0].Exact);
        Assert.Equal("2402.00001", exact.Hits[0].Paper.ArxivId);

        var rebuilt = await app.Indexes.RebuildAsync(TestContext.Current.CancellationToken);
        Assert.True(rebuilt.RebuiltHere);
        Assert.Equal(4, rebuilt.Indexed.KeywordDocuments);
        Assert.Equal(0, rebuilt.Indexed.NotIndexed);
    }
}
