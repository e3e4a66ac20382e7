using System.Globalization;
using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Benchmarks;

/// <summary>
/// <c>known-items DATA_DIR [N] [SEED]</c>: for N papers of the catalog in DATA_DIR (sampled with a fixed
/// seed), searches through <see cref="SearchService"/> in hybrid mode for the exact title, the bare
/// arXiv id, the id with a version suffix and the id with an <c>arXiv:</c> prefix, and counts how often
/// the paper is the first hit. A first hit that is another paper with the same title (compared as the
/// exact-match lane compares them) is counted apart as a tie: both are exact answers. Misses are printed.
/// </summary>
internal static class KnownItems
{
    public static async Task<int> RunAsync(string data, int count, int seed)
    {
        using var host = await CliHost.StartAsync(data, CancellationToken.None);
        await host.Services.GetRequiredService<SearchIndexes>().CatchUpAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var search = scope.ServiceProvider.GetRequiredService<SearchService>();
        var catalog = await db.Papers.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.ArxivId, p.Title }).ToListAsync();
        var shuffled = catalog.ToArray();
        new Random(seed).Shuffle(shuffled);
        var sample = shuffled.Take(count).Select(p => (p.Id, p.ArxivId, p.Title)).ToList();
        var titleCounts = catalog.GroupBy(p => KeywordIndex.TitleKey(p.Title)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Console.WriteLine($"{catalog.Count} papers in the catalog, {sample.Count} sampled (seed {seed}), load {EmbedThroughput.LoadAverage()}");

        var forms = new (string Name, Func<string, string, string> Query)[]
        {
            ("exact title", (_, title) => title),
            ("bare id", (id, _) => id),
            ("id with version", (id, _) => id + "v2"),
            ("arXiv: prefix", (id, _) => "arXiv:" + id),
        };
        await CheckAsync(search, "random sample", sample, forms);
        // Harder titles, beyond what a random sample holds: markup (LaTeX, braces, sub/superscripts)
        // and titles more than one paper has (a legitimate tie: both are exact answers).
        var markup = shuffled.Where(p => p.Title.IndexOfAny(['$', '\\', '{', '^', '_']) >= 0).Take(count).Select(p => (p.Id, p.ArxivId, p.Title)).ToList();
        await CheckAsync(search, "titles with markup", markup, forms[..1]);
        var shared = catalog.Where(p => titleCounts[KeywordIndex.TitleKey(p.Title)] > 1).Select(p => (p.Id, p.ArxivId, p.Title)).ToList();
        await CheckAsync(search, "titles shared by several papers", shared, forms[..1]);
        Console.WriteLine($"catalog titles held by more than one paper: {titleCounts.Count(c => c.Value > 1)} ({shared.Count} papers)");
        return 0;
    }

    private static async Task CheckAsync(SearchService search, string set, List<(long Id, string ArxivId, string Title)> sample, (string Name, Func<string, string, string> Query)[] forms)
    {
        var mode = "";
        foreach (var (name, query) in forms)
        {
            var (first, ties, tooLong) = (0, 0, 0);
            var misses = new List<string>();
            foreach (var paper in sample)
            {
                var text = query(paper.ArxivId, paper.Title);
                var request = new SearchRequest(text) { Mode = SearchMode.Hybrid, PageSize = 10 };
                if (request.Validate() is not null)
                {
                    tooLong++;
                    continue;
                }
                var result = await search.SearchAsync(request, CancellationToken.None);
                mode = result.Mode;
                var top = result.Hits.Count > 0 ? result.Hits[0] : null;
                if (top?.Paper.Id == paper.Id)
                {
                    first++;
                }
                else if (top is not null && top.Exact && KeywordIndex.TitleKey(top.Paper.Title) == KeywordIndex.TitleKey(paper.Title)
                    && result.Hits.TakeWhile(h => h.Exact).Any(h => h.Paper.Id == paper.Id))
                {
                    ties++;
                }
                else
                {
                    var rank = result.Hits.ToList().FindIndex(h => h.Paper.Id == paper.Id);
                    misses.Add($"  {paper.ArxivId} \"{text}\": rank {(rank < 0 ? ">10" : (rank + 1).ToString(CultureInfo.InvariantCulture))}, first hit {top?.Paper.ArxivId} \"{top?.Paper.Title}\"");
                }
            }
            var asked = sample.Count - tooLong;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{set}, {name}: {first + ties}/{asked} at rank 1 ({(first + ties) / (double)Math.Max(1, asked):P1}; {ties} of them tied with a same-titled paper), {tooLong} not asked (over {SearchRequest.MaxQueryLength} characters), mode {mode}"));
            misses.ForEach(Console.WriteLine);
        }
    }
}
