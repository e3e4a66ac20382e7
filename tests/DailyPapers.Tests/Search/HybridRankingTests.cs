using DailyPapers.Search;

namespace DailyPapers.Tests.Search;

public sealed class HybridRankingTests
{
    private static readonly DateTime Jan = new(2024, 1, 10, 0, 0, 0, DateTimeKind.Utc);

    private static Dictionary<long, PaperFacts> Facts(params long[] ids) =>
        ids.ToDictionary(id => id, id => new PaperFacts(id, Jan.AddDays(id), "cs.CL", (int)id, false));

    private static long[] Order(RankedPage page) => [.. page.Hits.Select(h => h.PaperId)];

    public static TheoryData<long[], long[], long[]> FusionCases => new()
    {
        // keyword lane, dense lane, expected order
        { [1, 2, 3], [], [1, 2, 3] },
        { [], [3, 2, 1], [3, 2, 1] },
        // Found by both lanes beats first place in one lane: 1/62 + 1/62 > 1/61.
        { [1, 2], [3, 2], [2, 1, 3] },
        // Mirror images tie on score; the better single-lane rank (1 vs 2) is equal too, so the id decides.
        { [1, 2], [2, 1], [1, 2] },
        { [5, 4], [4, 5], [4, 5] },
        // 9 is near the top of both lanes; 7 tops one lane and trails the other; 8 is middling in both.
        { [7, 9, 8], [9, 8, 7], [9, 7, 8] },
    };

    [Theory, MemberData(nameof(FusionCases))]
    public void ReciprocalRankFusionOrdersByCombinedRank(long[] keyword, long[] dense, long[] expected)
    {
        var page = HybridRanking.Rank(new RankingInput([], keyword, dense, Facts([.. keyword.Concat(dense).Distinct()])));

        Assert.Equal(expected, Order(page));
    }

    [Fact]
    public void FusedScoreIsTheSumOfWeightedReciprocalRanks()
    {
        var page = HybridRanking.Rank(new RankingInput([], [1, 2], [2], Facts(1, 2)) { Weights = new FusionWeights(Keyword: 1.0, Dense: 2.0) });

        var two = page.Hits.Single(h => h.PaperId == 2);
        Assert.Equal(1.0 / (60 + 2) + 2.0 / (60 + 1), two.Score, 12);
        Assert.Equal((2, 1), (two.KeywordRank!.Value, two.DenseRank!.Value));
        Assert.Equal([2L, 1L], Order(page));
    }

    [Fact]
    public void ExactMatchesComeFirstInTheirOwnOrderWhateverTheLanesSay()
    {
        var page = HybridRanking.Rank(new RankingInput([9, 8], [1, 2, 8], [1, 2], Facts(1, 2, 8, 9)));

        Assert.Equal([9L, 8L, 1L, 2L], Order(page));
        Assert.True(page.Hits[0].Exact);
        Assert.Null(page.Hits[0].KeywordRank);
        Assert.False(page.Hits[2].Exact);
    }

    [Fact]
    public void ExactMatchesDoNotOverrideAnExplicitSort()
    {
        var page = HybridRanking.Rank(new RankingInput([1], [1, 5], [], Facts(1, 5)) { Sort = SearchSort.Upvotes });

        Assert.Equal([5L, 1L], Order(page));
    }

    [Fact]
    public void CandidatesTheDatabaseNoLongerHasAreDropped()
    {
        var page = HybridRanking.Rank(new RankingInput([], [1, 2, 3], [4], Facts(1, 3)));

        Assert.Equal([1L, 3L], Order(page));
        Assert.Equal(2, page.Total);
    }

    public static TheoryData<SearchFilters, long[]> FilterCases => new()
    {
        { SearchFilters.None, [1, 2, 3, 4] },
        { new SearchFilters { PublishedFrom = new DateOnly(2024, 2, 1) }, [2, 3] },
        { new SearchFilters { PublishedTo = new DateOnly(2024, 2, 1) }, [1, 2] },
        { new SearchFilters { PublishedFrom = new DateOnly(2024, 2, 1), PublishedTo = new DateOnly(2024, 2, 1) }, [2] },
        { new SearchFilters { Categories = ["cs.LG"] }, [2, 4] },
        { new SearchFilters { Categories = ["CS.cv", "stat.ML"] }, [1, 3] },
        // A whole archive matches its categories, but not an archive that merely starts alike.
        { new SearchFilters { Categories = ["stat"] }, [3] },
        { new SearchFilters { Categories = ["cs.C"] }, [] },
        { new SearchFilters { FeaturedOnly = true }, [1, 3] },
        { new SearchFilters { FeaturedOnly = true, Categories = ["cs"] }, [1] },
    };

    [Theory, MemberData(nameof(FilterCases))]
    public void FiltersKeepOnlyMatchingPapersAndTheTotalCountsWhatIsKept(SearchFilters filters, long[] expected)
    {
        var facts = new Dictionary<long, PaperFacts>
        {
            [1] = new(1, new DateTime(2024, 1, 15, 23, 59, 0, DateTimeKind.Utc), "cs.CV", 3, true),
            [2] = new(2, new DateTime(2024, 2, 1, 8, 0, 0, DateTimeKind.Utc), "cs.LG cs.AI", 5, false),
            [3] = new(3, new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), "stat.ML", 1, true),
            [4] = new(4, null, "cs.LG", 0, false),
        };

        var page = HybridRanking.Rank(new RankingInput([], [1, 2, 3, 4], [], facts) { Filters = filters });

        Assert.Equal(expected, Order(page));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public void NewestSortsByPublicationWithUndatedPapersLast()
    {
        var facts = new Dictionary<long, PaperFacts>
        {
            [1] = new(1, null, "cs.CL", 0, false),
            [2] = new(2, Jan, "cs.CL", 0, false),
            [3] = new(3, Jan.AddDays(5), "cs.CL", 0, false),
            [4] = new(4, Jan, "cs.CL", 0, false),
        };

        var page = HybridRanking.Rank(new RankingInput([], [1, 2, 3, 4], [4], facts) { Sort = SearchSort.Newest });

        // 2 and 4 share a date: the better fused score (4 is in both lanes) goes first.
        Assert.Equal([3L, 4L, 2L, 1L], Order(page));
    }

    [Fact]
    public void UpvotesSortsByVotesThenRelevance()
    {
        var facts = new Dictionary<long, PaperFacts>
        {
            [1] = new(1, Jan, "cs.CL", 10, false),
            [2] = new(2, Jan, "cs.CL", 50, false),
            [3] = new(3, Jan, "cs.CL", 10, false),
        };

        var page = HybridRanking.Rank(new RankingInput([], [3, 1, 2], [], facts) { Sort = SearchSort.Upvotes });

        Assert.Equal([2L, 3L, 1L], Order(page));
    }

    [Theory]
    [InlineData(0, 2, new long[] { 1, 2 })]
    [InlineData(1, 2, new long[] { 3, 4 })]
    [InlineData(2, 2, new long[] { 5 })]
    [InlineData(3, 2, new long[0])]
    [InlineData(0, 10, new long[] { 1, 2, 3, 4, 5 })]
    public void PagesSliceTheRankingAndEveryPageKnowsTheTotal(int page, int size, long[] expected)
    {
        var ranked = HybridRanking.Rank(new RankingInput([], [1, 2, 3, 4, 5], [], Facts(1, 2, 3, 4, 5)) { Page = page, PageSize = size });

        Assert.Equal(expected, Order(ranked));
        Assert.Equal(5, ranked.Total);
    }

    [Fact]
    public void APaperListedTwiceInALaneCountsItsBestRankOnce()
    {
        var page = HybridRanking.Rank(new RankingInput([], [1, 2, 1], [], Facts(1, 2)));

        Assert.Equal([1L, 2L], Order(page));
        Assert.Equal(1.0 / 61, page.Hits[0].Score, 12);
    }

    [Fact]
    public void NoCandidatesGiveAnEmptyPage()
    {
        var page = HybridRanking.Rank(new RankingInput([], [], [], Facts()));

        Assert.Empty(page.Hits);
        Assert.Equal(0, page.Total);
    }
}
