using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// A small catalog for the request fuzz: papers on two feed days of one week, an old-style id, a
/// shared author, indexed for keyword search. No embeddings: the fuzz is about request handling, and
/// the model would make every search request cost a query embedding.
/// </summary>
public static class FuzzCatalog
{
    public const string PaperId = "2401.00001";
    public const string Author = "Ada Lovelace";
    public static readonly DateOnly Day = new(2024, 3, 1);

    public static async Task<AppFactory> CreateAsync(Lane lane, Dictionary<string, string?>? settings = null)
    {
        var app = await AppFactory.CreateAsync(lane, settings);
        try
        {
            await app.SeedAsync(
                new SeedPaper(PaperId, "Graph Neural Networks for Molecules") { PublishedAt = new DateTime(2024, 1, 2), Upvotes = 30, Categories = "cs.LG q-bio.BM", CodeUrl = "https://github.com/example/gnn" }
                    .On(Day, 6),
                new SeedPaper("2401.00002", "Networked Control of Legged Robots") { PublishedAt = new DateTime(2024, 1, 3), Upvotes = 5, Categories = "cs.RO", Authors = [Author, "Marco Hutter"] }
                    .On(Day, 9).On(Day.AddDays(3)),
                new SeedPaper("2401.00003", "Dense Retrieval with Dual Encoders") { PublishedAt = new DateTime(2024, 1, 4), Upvotes = 50, Categories = "cs.CL cs.IR" }
                    .On(Day.AddDays(3)),
                new SeedPaper("hep-th/9901001", "Strings on Old-Style Identifiers") { PublishedAt = new DateTime(1999, 1, 4), Categories = "hep-th", Authors = ["Edward Witten"] });
            await app.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(TestContext.Current.CancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
