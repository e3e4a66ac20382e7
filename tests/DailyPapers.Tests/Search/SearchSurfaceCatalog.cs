using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>
/// Six papers for the search page, API, feed and similar-papers tests. Four of them say "network"
/// in some form; one has markup in its title and abstract, which must come out as text.
/// Publication days follow the ids (00001 is Jan 2, 2024 ... 00006 is Jan 7).
/// </summary>
public static class SearchSurfaceCatalog
{
    public const string HostileTitle = "<script>alert('t')</script> & Other Titles";

    public static readonly PaperRecord[] Papers =
    [
        SearchApp.Paper("2401.00001", "Graph Neural Networks for Molecules",
            "Message passing networks predict chemical properties of small organic molecules.", "cs.LG", 30, "Justin Gilmer", "Oriol Vinyals")
            with { FeaturedOn = new DateOnly(2024, 3, 1) },
        SearchApp.Paper("2401.00002", "Networked Control of Legged Robots",
            "A networked controller keeps a quadruped robot stable while it walks over rough terrain.", "cs.RO", 5, "Marco Hutter"),
        SearchApp.Paper("2401.00003", "Dense Retrieval with Dual Encoders",
            "Dual encoders embed questions and passages so that answers are found by nearest-neighbour search.", "cs.CL cs.IR", 50, "Vladimir Karpukhin")
            with { FeaturedOn = new DateOnly(2024, 3, 2) },
        SearchApp.Paper("2401.00004", "Protein Folding with Deep Learning",
            "Predicting the three-dimensional structure of proteins from their sequence with deep neural networks.", "q-bio.BM", 10, "Demis Hassabis"),
        SearchApp.Paper("2401.00005", HostileTitle,
            "A paper about networks whose title holds <b>markup</b> & ampersands.", "cs.CR", 1, "Mallory Evil"),
        SearchApp.Paper("2401.00006", "Surface Codes for Quantum Error Correction",
            "Topological codes protect logical qubits against decoherence with local stabilizer measurements.", "quant-ph", 3, "Austin Fowler"),
    ];

    /// <summary>
    /// The catalog written, embedded when asked, and indexed. The query embedding gets a minute, so a
    /// busy machine cannot turn a hybrid page into a keyword one.
    /// </summary>
    public static async Task<SearchApp> CreateAsync(Lane lane, bool embed = true)
    {
        var app = await SearchApp.CreateAsync(lane, new() { ["Search:QueryEmbeddingBudget"] = "00:01:00" });
        await app.WriteAsync(Papers);
        if (embed)
        {
            await app.EmbedAsync();
        }
        await app.CatchUpAsync();
        return app;
    }
}
