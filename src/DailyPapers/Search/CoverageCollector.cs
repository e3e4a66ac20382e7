using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DailyPapers.Search;

/// <summary>
/// Collects the best <c>count</c> documents by BM25 score (in Lucene's own order: score, then doc id)
/// and, for each, how much of the query it covers: the idf of the query's distinct terms it contains
/// in any field, over the idf of the query's <c>telling</c> rarest terms (capped at 1), so a long
/// question is covered by its telling words, not by all its words. It also counts every matching document whose coverage reaches
/// <c>minCoverage</c>, beyond the ones kept, so a caller knows how many pass the relevance floor
/// without ranking them all. Coverage is read from the scorer tree: each term is one nested clause,
/// and a clause's scorer sits on the collected document exactly when that document has the term.
/// </summary>
internal sealed class CoverageCollector(int count, IReadOnlyDictionary<Query, int> termOfClause, IReadOnlyList<double> idfs, int telling, double minCoverage) : ICollector
{
    private readonly PriorityQueue<Collected, (float Score, int Doc)> _best = new(Comparer<(float Score, int Doc)>.Create(
        // The queue's head is the worst kept: lowest score, and among equal scores the later document.
        (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Doc.CompareTo(a.Doc)));
    private readonly double _idfSum = idfs.OrderDescending().Take(Math.Max(1, telling)).Sum();
    private readonly bool[] _seen = new bool[idfs.Count];
    private readonly List<(Scorer Scorer, int Term)> _clauses = [];
    private Scorer? _scorer;
    private int _docBase;

    /// <summary>Matching documents whose coverage reaches the floor, kept or not.</summary>
    public int Passing { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void SetScorer(Scorer scorer)
    {
        _scorer = scorer;
        _clauses.Clear();
        Gather(scorer);
    }

    private void Gather(Scorer scorer)
    {
        if (termOfClause.TryGetValue(scorer.Weight.Query, out var term))
        {
            _clauses.Add((scorer, term));
            return;
        }
        foreach (var child in scorer.GetChildren())
        {
            Gather(child.Child);
        }
    }

    public void Collect(int doc)
    {
        var scorer = _scorer!;
        var coverage = Coverage(doc);
        if (coverage >= minCoverage)
        {
            Passing++;
        }
        var score = scorer.GetScore();
        var global = _docBase + doc;
        if (_best.Count < count)
        {
            _best.Enqueue(new Collected(global, score, coverage), (score, global));
        }
        else if (_best.TryPeek(out _, out var worst) && score > worst.Score)
        {
            _best.EnqueueDequeue(new Collected(global, score, coverage), (score, global));
        }
    }

    private double Coverage(int doc)
    {
        if (idfs.Count <= 1 || _idfSum <= 0)
        {
            // One distinct term: whatever matched has it.
            return 1;
        }
        Array.Clear(_seen);
        var matched = 0.0;
        foreach (var (scorer, term) in _clauses)
        {
            if (!_seen[term] && scorer.DocID == doc)
            {
                _seen[term] = true;
                matched += idfs[term];
            }
        }
        return Math.Min(1, matched / _idfSum);
    }

    /// <summary>The kept documents, best first.</summary>
    public List<Collected> Best()
    {
        var best = new List<Collected>(_best.Count);
        while (_best.TryDequeue(out var hit, out _))
        {
            best.Add(hit);
        }
        best.Reverse();
        return best;
    }

    public readonly record struct Collected(int Doc, float Score, double Coverage);
}
