using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>author-recall DATA_DIR [N] [SEED]</c>: for N authors of the catalog in DATA_DIR (sampled with a
/// fixed seed), searches their name through <see cref="SearchService"/> (hybrid, which is keyword
/// when nothing is embedded; the answer's mode is printed) and scores recall@10 of their papers:
/// the share of their papers in the first ten, out of at most ten. Beside it, the BM25 lane alone
/// for the same query (the authors field is one of its fields), which is what a name found before
/// the exact-author lane existed.
/// </summary>
internal static class AuthorRecall
{
    public static async Task<int> RunAsync(string data, int count, int seed)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        var indexes = host.Services.GetRequiredService<SearchIndexes>();
        await indexes.CatchUpAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        var byAuthor = (await db.PaperAuthors.AsNoTracking().Select(a => new { a.PaperId, a.Author!.Name }).ToListAsync())
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.PaperId).ToHashSet(), StringComparer.Ordinal);
        var names = byAuthor.Keys.Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(names);
        var sample = names.Where(n => KeywordIndex.AuthorKey(n).Length > 0).Take(count).ToList();

        var (after, bm25, modes) = (new List<double>(), new List<double>(), new HashSet<string>());
        foreach (var name in sample)
        {
            var papers = byAuthor[name];
            var result = await search.SearchAsync(new SearchRequest(name) { PageSize = 10, EmbeddingBudget = TimeSpan.FromSeconds(30) }, CancellationToken.None);
            modes.Add(result.Mode);
            after.Add(Recall(result.Hits.Select(h => h.Paper.Id), papers));
            bm25.Add(Recall(indexes.KeywordSearch(name, 10), papers));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{byAuthor.Count} authors in the catalog, {sample.Count} sampled (seed {seed}); mode {string.Join(",", modes)}; " +
            $"recall@10 search {after.Average():F3} (all papers in the top 10 for {after.Count(r => r == 1)} authors), BM25 lane alone {bm25.Average():F3}"));
        return 0;
    }

    private static double Recall(IEnumerable<long> top, HashSet<long> papers) =>
        top.Take(10).Count(papers.Contains) / (double)Math.Min(10, papers.Count);
}
