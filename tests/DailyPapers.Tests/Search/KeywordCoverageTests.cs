using DailyPapers.Search;

namespace DailyPapers.Tests.Search;

/// <summary>
/// The keyword lane's coverage of a query and whether papers beyond its list pass the floor,
/// checked against a count done here by hand over every paper, on an index of several segments,
/// with a kept list much smaller than the matches so the look beyond it is what is tested.
/// </summary>
public sealed class KeywordCoverageTests : IDisposable
{
    private const int Papers = 3000;
    private const int Vocabulary = 300;
    private readonly string _folder = Directory.CreateTempSubdirectory("dailypapers-coverage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Words the English analyzer keeps as they are (no stop word, nothing to stem).
    private static string Word(int k) => $"w{k}";

    private sealed record Synthetic(long Id, HashSet<string> Title, HashSet<string> Abstract)
    {
        public bool Has(string term) => Title.Contains(term) || Abstract.Contains(term);
        public KeywordDocument ToDocument() => new(Id, string.Join(' ', Title), string.Join(' ', Abstract), [], "");
    }

    /// <summary>Papers whose words follow a Zipf law, so queries mix common and rare words.</summary>
    private static List<Synthetic> Catalog(Random random)
    {
        var weights = Enumerable.Range(0, Vocabulary).Select(k => 1.0 / (k + 1)).ToArray();
        var total = weights.Sum();
        string Draw()
        {
            var x = random.NextDouble() * total;
            for (var k = 0; k < Vocabulary; k++)
            {
                x -= weights[k];
                if (x <= 0)
                {
                    return Word(k);
                }
            }
            return Word(Vocabulary - 1);
        }
        return [.. Enumerable.Range(1, Papers).Select(id => new Synthetic(id,
            [.. Enumerable.Range(0, random.Next(2, 8)).Select(_ => Draw())],
            [.. Enumerable.Range(0, random.Next(5, 30)).Select(_ => Draw())]))];
    }

    private KeywordIndex IndexInSegments(IReadOnlyList<Synthetic> catalog)
    {
        var index = KeywordIndex.OpenWritable(_folder);
        // One commit per chunk: a reader of several segments, as a growing site has.
        foreach (var (chunk, i) in catalog.Chunk(700).Select((chunk, i) => (chunk, i)))
        {
            index.Upsert(chunk.Select(p => p.ToDocument()));
            index.Commit(i);
        }
        return index;
    }

    private static double Idf(IReadOnlyList<Synthetic> catalog, string term)
    {
        // The index's idf: Lucene's BM25 form, on the field where the term is most common.
        var docFreq = Math.Max(catalog.Count(p => p.Title.Contains(term)), catalog.Count(p => p.Abstract.Contains(term)));
        return Math.Log(1 + ((catalog.Count - docFreq + 0.5) / (docFreq + 0.5)));
    }

    /// <summary>The coverage of a query's distinct terms, by its definition, for any paper.</summary>
    private static Func<Synthetic, double> CoverageOf(IReadOnlyList<Synthetic> catalog, List<string> terms, int telling)
    {
        var idfs = terms.ToDictionary(t => t, t => Idf(catalog, t));
        var full = idfs.Values.OrderDescending().Take(telling).Sum();
        return paper => terms.Count <= 1 || full <= 0 ? 1 : Math.Min(1, terms.Where(paper.Has).Sum(t => idfs[t]) / full);
    }

    public static TheoryData<double> Floors => [0.0, 0.3, 0.6, 0.9, 1.0];

    [Theory]
    [MemberData(nameof(Floors))]
    public void PassingCountsAndCoveragesMatchACountOverEveryPaper(double floor)
    {
        var random = new Random(12);
        var catalog = Catalog(random);
        using var index = IndexInSegments(catalog);
        var byId = catalog.ToDictionary(p => p.Id);
        var outcomes = new HashSet<bool>();
        for (var q = 0; q < 40; q++)
        {
            // One to five words; now and then one that no paper has.
            var terms = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(8) == 0 ? "zq9" : Word(random.Next(Vocabulary))).Distinct().ToList();
            var query = string.Join(' ', terms);

            var matches = index.Match(query, count: 25, floor, tellingTerms: 2);

            var coverage = CoverageOf(catalog, terms, telling: 2);
            var essential = EssentialOf(catalog, terms, telling: 2, floor);
            // The lane lists papers with an essential term: no other can reach the floor.
            var matching = catalog.Where(p => essential.Any(p.Has)).ToList();
            var kept = matches.Hits.Select(h => h.PaperId).ToHashSet();
            var expected = matching.Any(p => !kept.Contains(p.Id) && (floor <= 0 || coverage(p) >= floor));
            Assert.True(expected == matches.MorePassBeyondHits, $"'{query}' at floor {floor}: more beyond the hits {matches.MorePassBeyondHits}, counted {expected}");
            outcomes.Add(expected);
            Assert.Equal(Math.Min(25, matching.Count), matches.Hits.Count);
            foreach (var hit in matches.Hits)
            {
                Assert.Equal(coverage(byId[hit.PaperId]), hit.Coverage, 9);
            }
        }
        if (floor is > 0 and < 1)
        {
            // Queries with and without more passing papers beyond the list: both answers were checked.
            Assert.Equal(2, outcomes.Count);
        }
    }

    [Fact]
    public void TheLaneRanksItsPapersByBm25OverEveryTermOfTheQuery()
    {
        var random = new Random(31);
        var catalog = Catalog(random);
        using var index = IndexInSegments(catalog);
        var split = 0;
        for (var q = 0; q < 40; q++)
        {
            // Long queries mixing the commonest words (which the lane leaves out of its search) with rarer ones.
            var terms = Enumerable.Range(0, random.Next(4, 10)).Select(i => Word(i % 2 == 0 ? random.Next(5) : random.Next(Vocabulary))).Distinct().ToList();
            var query = string.Join(' ', terms);
            var essential = EssentialOf(catalog, terms, telling: 2, floor: 0.6);

            var lane = index.Match(query, count: Papers, minCoverage: 0.6, tellingTerms: 2).Hits.Select(h => h.PaperId).ToList();
            var bm25 = index.Search(query, Papers).Where(id => essential.Any(catalog[(int)id - 1].Has)).ToList();

            // The same papers in the same order, up to papers whose scores differ only in rounding.
            Assert.Equal(bm25.Order(), lane.Order());
            Assert.True(bm25.Zip(lane).Count(pair => pair.First == pair.Second) >= 0.95 * bm25.Count, query);
            split += essential.Count < terms.Count ? 1 : 0;
        }
        // Most of the queries had common words to leave out: that path was what got checked.
        Assert.InRange(split, 20, 40);
    }

    [Fact]
    public void AQueryPastTheClauseCapRunsOnItsFirstTerms()
    {
        var catalog = Catalog(new Random(5));
        using var index = IndexInSegments(catalog);
        // 250 rarer words, then the commonest ones: past Lucene's cap, so they are not part of the query.
        var query = string.Join(' ', Enumerable.Range(50, 250).Concat(Enumerable.Range(0, 5)).Select(Word));

        var matches = index.Match(query, count: 100, minCoverage: 0.6, tellingTerms: 2);

        Assert.NotEmpty(matches.Hits);
        Assert.Equal(250, matches.QueryTerms);
    }

    /// <summary>
    /// The terms one of which a paper needs to reach <paramref name="floor"/>: all but the commonest,
    /// whose idf together falls short of the floor's share of the telling terms' idf.
    /// </summary>
    private static List<string> EssentialOf(IReadOnlyList<Synthetic> catalog, List<string> terms, int telling, double floor)
    {
        var byIdf = terms.OrderBy(t => Idf(catalog, t)).ToList();
        var needed = floor * byIdf.Select(t => Idf(catalog, t)).OrderDescending().Take(telling).Sum();
        var common = 0;
        for (var sum = 0.0; common < byIdf.Count && sum + Idf(catalog, byIdf[common]) < needed * (1 - 1e-9); common++)
        {
            sum += Idf(catalog, byIdf[common]);
        }
        return byIdf[common..];
    }

    [Fact]
    public void ReplacedPapersCountOnlyWithTheirNewWords()
    {
        var random = new Random(7);
        var catalog = Catalog(random);
        using var index = IndexInSegments(catalog);
        // Every tenth paper rewritten with only the commonest word: its old words stop counting.
        index.Upsert(catalog.Where(p => p.Id % 10 == 0).Select(p => new KeywordDocument(p.Id, Word(0), null, [], "")));
        index.Commit(99);
        for (var q = 0; q < 30; q++)
        {
            var query = string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => Word(random.Next(Vocabulary))));

            var beyondKept = index.Match(query, count: 10, minCoverage: 0.6, tellingTerms: 2);
            var allKept = index.Match(query, count: Papers * 2, minCoverage: 0.6, tellingTerms: 2);

            var listed = beyondKept.Hits.Select(h => h.PaperId).ToHashSet();
            var passingBeyond = allKept.Hits.Any(h => !listed.Contains(h.PaperId) && h.Coverage >= 0.6);
            Assert.Equal(passingBeyond, beyondKept.MorePassBeyondHits);
            Assert.False(allKept.MorePassBeyondHits);
            Assert.Equal(allKept.Hits.Select(h => h.PaperId).Distinct().Count(), allKept.Hits.Count);
        }
    }
}
