using DailyPapers.Search.Evaluation;

namespace DailyPapers.Tests.Search;

public sealed class RetrievalMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["a"] = 1, ["b"] = 1, ["c"] = 1, ["x"] = 0 };

    [Fact]
    public void NdcgDiscountsRelevantDocumentsByLogOfTheirRank()
    {
        // Relevant at ranks 1 and 3: DCG = 1/log2(2) + 1/log2(4) = 1.5.
        // Ideal (3 relevant): 1 + 1/log2(3) + 1/log2(4) = 2.1309297535714578.
        var ndcg = RetrievalMetrics.NdcgAt(10, ["a", "x", "b", "y"], Judged);

        Assert.Equal(1.5 / 2.1309297535714578, ndcg, 12);
    }

    [Fact]
    public void NdcgUsesGradesAsGainsAndCutsAtK()
    {
        var graded = new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 };

        // Ranking b, a: DCG = 1 + 2/log2(3) = 2.2618595071429146; ideal a, b: 2 + 1/log2(3) = 2.6309297535714578.
        Assert.Equal(2.2618595071429146 / 2.6309297535714578, RetrievalMetrics.NdcgAt(10, ["b", "a"], graded), 12);
        // At k = 1 only b counts: 1 / 2.
        Assert.Equal(0.5, RetrievalMetrics.NdcgAt(1, ["b", "a"], graded), 12);
        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(10, ["a", "b"], graded), 12);
    }

    [Fact]
    public void RecallIsTheShareOfRelevantDocumentsFoundWithinK()
    {
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(100, ["a", "x", "b"], Judged), 12);
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(2, ["a", "x", "b"], Judged), 12);
        // A document listed twice is found once.
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(100, ["a", "a"], Judged), 12);
    }

    [Fact]
    public void ReciprocalRankIsOneOverTheFirstRelevantRankWithinK()
    {
        Assert.Equal(1.0 / 3, RetrievalMetrics.ReciprocalRankAt(10, ["x", "y", "b", "a"], Judged), 12);
        Assert.Equal(0, RetrievalMetrics.ReciprocalRankAt(2, ["x", "y", "b"], Judged));
        Assert.Equal(1, RetrievalMetrics.ReciprocalRankAt(10, ["c"], Judged));
    }

    [Fact]
    public void AQueryWithoutRelevantDocumentsScoresZeroEverywhere()
    {
        var none = new Dictionary<string, int> { ["x"] = 0 };

        Assert.Equal(0, RetrievalMetrics.NdcgAt(10, ["x"], none));
        Assert.Equal(0, RetrievalMetrics.RecallAt(100, ["x"], none));
        Assert.Equal(0, RetrievalMetrics.ReciprocalRankAt(10, ["x"], none));
    }
}
