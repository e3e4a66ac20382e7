using DailyPapers.Search;

namespace DailyPapers.Tests.Search;

/// <summary>The relevance floor as a pure rule, alone and inside <see cref="HybridRanking.Rank"/>.</summary>
public sealed class RelevanceFloorTests
{
    private static readonly RelevanceFloor Floor = new(MinKeywordCoverage: 0.4, MinDenseSimilarity: 0.3, DenseMargin: 0.25);

    public static TheoryData<bool, double?, double?, double, bool> Cases => new()
    {
        // exact, keyword coverage, dense similarity, the query's best similarity, passes
        { true, null, null, 0, true },
        { false, null, null, 0.9, false },
        { false, 0.4, null, 0, true },
        { false, 0.39, null, 0, false },
        { false, null, 0.3, 0.3, true },
        { false, null, 0.29, 0.29, false },
        // Within the margin of the best match, and only then.
        { false, null, 0.4, 0.65, true },
        { false, null, 0.39, 0.65, false },
        // Either lane can vouch for a paper the other finds weak.
        { false, 0.1, 0.5, 0.5, true },
        { false, 0.9, 0.1, 0.7, true },
        { false, 0.39, 0.29, 0.29, false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void APaperPassesWhenItIsExactOrEitherLaneReachesItsFloor(bool exact, double? coverage, double? similarity, double best, bool passes) =>
        Assert.Equal(passes, Floor.Passes(exact, coverage, similarity, best));

    [Fact]
    public void WithoutAFloorEveryPaperALaneFoundPasses()
    {
        Assert.True(RelevanceFloor.Off.Passes(false, 0, null, 0));
        Assert.True(RelevanceFloor.Off.Passes(false, null, -1, 1));
        Assert.False(RelevanceFloor.Off.Passes(false, null, null, 1));
    }

    private static Dictionary<long, PaperFacts> Facts(params long[] ids) =>
        ids.ToDictionary(id => id, id => new PaperFacts(id, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(id), "cs.CL", (int)id, false));

    private static RankingInput Input(SearchSort sort) => new([9], [1, 2, 3], [3, 4, 5], Facts(1, 2, 3, 4, 5, 9))
    {
        Sort = sort,
        Floor = Floor,
        // 1 has most of the query, 2 one weak word of it, 3 a weak word but close in meaning; 4 close, 5 far.
        KeywordCoverage = new Dictionary<long, double> { [1] = 0.9, [2] = 0.2, [3] = 0.2 },
        DenseSimilarity = new Dictionary<long, double> { [3] = 0.6, [4] = 0.45, [5] = 0.1 },
    };

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.Newest)]
    [InlineData(SearchSort.Upvotes)]
    public void EverySortOrdersOnlyThePapersAboveTheFloorAndCountsThem(SearchSort sort)
    {
        var page = HybridRanking.Rank(Input(sort));

        Assert.Equal([1, 3, 4, 9], page.Hits.Select(h => h.PaperId).Order());
        Assert.Equal(4, page.Total);
    }

    [Fact]
    public void TheFloorRemovesPapersWithoutReorderingTheRest()
    {
        var without = HybridRanking.Rank(Input(SearchSort.Relevance) with { Floor = null });
        var with = HybridRanking.Rank(Input(SearchSort.Relevance));

        Assert.Equal(6, without.Total);
        Assert.Equal(without.Hits.Select(h => h.PaperId).Where(id => id is not (2 or 5)), with.Hits.Select(h => h.PaperId));
        Assert.Equal(without.Hits.Where(h => h.PaperId is not (2 or 5)).Select(h => h.Score), with.Hits.Select(h => h.Score));
    }

    [Fact]
    public void EachHitCarriesTheEvidenceTheFloorRead()
    {
        var hits = HybridRanking.Rank(Input(SearchSort.Relevance)).Hits.ToDictionary(h => h.PaperId);

        Assert.Equal<double?>([0.2, 0.6], [hits[3].KeywordCoverage, hits[3].DenseSimilarity]);
        Assert.Equal<double?>([null, 0.45], [hits[4].KeywordCoverage, hits[4].DenseSimilarity]);
        Assert.Equal<double?>([null, null], [hits[9].KeywordCoverage, hits[9].DenseSimilarity]);
        Assert.True(hits[9].Exact);
    }

    // A keyword lane of twelve papers (1 best) of which only paper 3 covers the query; no semantic lane.
    private static RankingInput KeywordLane(int queryTerms, double bestCoverage = 0.9) =>
        new([], [.. Enumerable.Range(1, 12).Select(i => (long)i)], [], Facts([.. Enumerable.Range(1, 12).Select(i => (long)i)]))
        {
            Floor = Floor with { KeywordHead = 10, KeywordHeadMinTerms = 5 },
            KeywordQueryTerms = queryTerms,
            KeywordCoverage = Enumerable.Range(1, 12).ToDictionary(i => (long)i, i => i == 3 ? bestCoverage : 0.2),
        };

    [Fact]
    public void ALongQuestionTheKeywordLaneAnswersKeepsThatLanesFirstTen()
    {
        var page = HybridRanking.Rank(KeywordLane(queryTerms: 5));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), page.Hits.Select(h => h.PaperId));
        Assert.Equal(10, page.Total);
    }

    [Fact]
    public void AShortQueryGetsNoHead() =>
        Assert.Equal([3L], HybridRanking.Rank(KeywordLane(queryTerms: 4)).Hits.Select(h => h.PaperId));

    [Fact]
    public void ALongQuestionNothingCoversGetsNoHead() =>
        Assert.Empty(HybridRanking.Rank(KeywordLane(queryTerms: 12, bestCoverage: 0.39)).Hits);

    [Fact]
    public void AHeadOfZeroIsNoHead() =>
        Assert.Equal([3L], HybridRanking.Rank(KeywordLane(queryTerms: 12) with { Floor = Floor }).Hits.Select(h => h.PaperId));
}
