namespace DailyPapers.Search.Evaluation;

/// <summary>
/// The standard ranked-retrieval measures, per query, as trec_eval and BEIR compute them: graded
/// relevance with linear gain for nDCG, and a document counts as relevant when its grade is above 0.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>nDCG@k: DCG of the ranking divided by DCG of the ideal ranking; gain = grade, discount = log2(rank + 1).</summary>
    public static double NdcgAt(int k, IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments)
    {
        var dcg = Dcg(ranking.Take(k).Select(id => judgments.GetValueOrDefault(id)));
        var ideal = Dcg(judgments.Values.Where(g => g > 0).OrderDescending().Take(k));
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Recall@k: share of the relevant documents found in the first k.</summary>
    public static double RecallAt(int k, IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments)
    {
        var relevant = judgments.Count(j => j.Value > 0);
        return relevant == 0 ? 0 : (double)ranking.Take(k).Distinct().Count(id => judgments.GetValueOrDefault(id) > 0) / relevant;
    }

    /// <summary>MRR@k for one query: 1 / rank of the first relevant document in the first k, else 0.</summary>
    public static double ReciprocalRankAt(int k, IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgments)
    {
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (judgments.GetValueOrDefault(ranking[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double Dcg(IEnumerable<int> grades) =>
        grades.Select((grade, i) => grade / Math.Log2(i + 2)).Sum();
}
