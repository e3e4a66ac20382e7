using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DailyPapers.Search;

/// <summary>
/// How much of a query a paper covers: the idf of the query's distinct terms it contains in any
/// field, over the idf of the query's <c>telling</c> rarest terms (capped at 1), so a long question
/// is covered by its telling words, not by all its words. It is read from the terms' postings after
/// BM25 has ranked (not from the scorer while it ranks), so the ranking keeps Lucene's bucketed,
/// out-of-order disjunction, the fast one: a collector that asks each term's scorer where it stands
/// forces a document-at-a-time disjunction over every matching paper, about 2.7 times the CPU.
/// </summary>
internal sealed class QueryCoverage
{
    private readonly QueryTermStates _states;
    private readonly IReadOnlyList<double> _idfs;
    private readonly double _idfSum;

    /// <param name="states">The query's distinct terms, looked up in every field a term may be found in.</param>
    /// <param name="idfs">Each term's idf, in the same order.</param>
    /// <param name="telling">How many of the rarest terms make full coverage.</param>
    public QueryCoverage(QueryTermStates states, IReadOnlyList<double> idfs, int telling)
    {
        _states = states;
        _idfs = idfs;
        _idfSum = idfs.OrderDescending().Take(Math.Max(1, telling)).Sum();
    }

    /// <summary>One distinct term (or none with any weight): whatever matched has all of it.</summary>
    private bool IsWhole => _idfs.Count <= 1 || _idfSum <= 0;

    private double Of(double matchedIdf) => Math.Min(1, matchedIdf / _idfSum);

    /// <summary>
    /// The coverage of each of <paramref name="kept"/> (documents of the whole reader), and whether
    /// any document beyond them reaches <paramref name="minCoverage"/>, out of the
    /// <paramref name="matching"/> that have any query term: whether the lane's list is all there is.
    /// </summary>
    public (Dictionary<int, double> Coverage, bool MorePassBeyondKept) Measure(IndexReader reader, IReadOnlyList<int> kept, int matching, double minCoverage)
    {
        var coverage = new Dictionary<int, double>(kept.Count);
        var anyBeyondKept = matching > kept.Count;
        if (IsWhole)
        {
            foreach (var doc in kept)
            {
                coverage[doc] = 1;
            }
            return (coverage, anyBeyondKept && minCoverage <= 1);
        }
        var keptByLeaf = new List<FixedBitSet>();
        foreach (var leaf in reader.Leaves)
        {
            var size = leaf.AtomicReader.MaxDoc;
            var keptHere = new FixedBitSet(size);
            foreach (var doc in kept.Where(doc => doc >= leaf.DocBase && doc < leaf.DocBase + size))
            {
                keptHere.Set(doc - leaf.DocBase);
            }
            keptByLeaf.Add(keptHere);
            var locals = Sorted(keptHere);
            var matched = MatchedIdf(new LeafPostings(leaf, _states), locals);
            for (var i = 0; i < locals.Length; i++)
            {
                coverage[leaf.DocBase + locals[i]] = Of(matched[i]);
            }
        }
        // A floor of 0 passes every match; otherwise look for one passing document beyond the kept.
        var more = anyBeyondKept && (minCoverage <= 0 || AnyPassesBeyond(reader, keptByLeaf, minCoverage));
        return (coverage, more);
    }

    /// <summary>Documents walked at a time when looking for one beyond the kept that passes: most queries find one in the first.</summary>
    private const int SearchChunk = 256;

    /// <summary>
    /// Whether a document not kept reaches <paramref name="minCoverage"/>. Only documents with one of
    /// the <see cref="EssentialTerms"/> can, so only those are walked, a chunk at a time, stopping at the first that passes.
    /// </summary>
    private bool AnyPassesBeyond(IndexReader reader, List<FixedBitSet> keptByLeaf, double minCoverage)
    {
        var essential = EssentialTerms(minCoverage);
        foreach (var (leaf, keptHere) in reader.Leaves.Zip(keptByLeaf))
        {
            var candidates = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            var postings = new LeafPostings(leaf, _states);
            foreach (var term in essential)
            {
                for (var field = 0; field < _states.Fields.Count; field++)
                {
                    if (postings.Of(field, term) is { } docs)
                    {
                        candidates.Or(docs);
                    }
                }
            }
            candidates.AndNot(keptHere);
            foreach (var chunk in Sorted(candidates).Chunk(SearchChunk))
            {
                if (MatchedIdf(postings, chunk).Any(matched => Of(matched) >= minCoverage))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] Sorted(FixedBitSet docs)
    {
        var sorted = new int[docs.Cardinality];
        var iterator = docs.GetIterator();
        for (var (i, doc) = (0, iterator.NextDoc()); doc != DocIdSetIterator.NO_MORE_DOCS; i++, doc = iterator.NextDoc())
        {
            sorted[i] = doc;
        }
        return sorted;
    }

    /// <summary>
    /// The terms one of which a document must have to reach <paramref name="minCoverage"/>: the
    /// rarest ones, leaving out the commonest terms whose idf together falls short of the floor (a
    /// paper with only those cannot pass). The margin keeps rounding from leaving out a term that counts.
    /// </summary>
    public List<int> EssentialTerms(double minCoverage)
    {
        var needed = minCoverage * _idfSum * (1 - 1e-9);
        var byIdf = Enumerable.Range(0, _idfs.Count).OrderBy(t => _idfs[t]).ToList();
        var shortOfFloor = 0.0;
        var firstEssential = 0;
        while (firstEssential < byIdf.Count && shortOfFloor + _idfs[byIdf[firstEssential]] < needed)
        {
            shortOfFloor += _idfs[byIdf[firstEssential]];
            firstEssential++;
        }
        return byIdf[firstEssential..];
    }

    /// <summary>
    /// The idf of the distinct query terms each of the sorted <paramref name="locals"/> has, in any field:
    /// each term's postings and the sorted documents leapfrog, each side skipping to the other's
    /// next document, so a common term costs its skips and a rare one its few postings.
    /// </summary>
    private double[] MatchedIdf(LeafPostings postings, int[] locals)
    {
        var matched = new double[locals.Length];
        // The last term counted for each document, plus one: a term in both title and abstract counts once.
        var counted = new int[locals.Length];
        for (var term = 0; term < _states.Terms.Count && locals.Length > 0; term++)
        {
            for (var field = 0; field < _states.Fields.Count; field++)
            {
                if (postings.Of(field, term) is not { } enumerator)
                {
                    continue;
                }
                var i = 0;
                var at = enumerator.Advance(locals[0]);
                while (at != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (at == locals[i])
                    {
                        if (counted[i] != term + 1)
                        {
                            counted[i] = term + 1;
                            matched[i] += _idfs[term];
                        }
                        if (++i == locals.Length)
                        {
                            break;
                        }
                        at = enumerator.Advance(locals[i]);
                        continue;
                    }
                    // The postings are past locals[i]: skip the documents before them.
                    var next = Array.BinarySearch(locals, i + 1, locals.Length - i - 1, at);
                    i = next >= 0 ? next : ~next;
                    if (i == locals.Length)
                    {
                        break;
                    }
                    if (locals[i] != at)
                    {
                        at = enumerator.Advance(locals[i]);
                    }
                }
            }
        }
        return matched;
    }

    /// <summary>
    /// One segment's postings of the query's terms, documents only (no frequencies to decode), read
    /// through one terms enumerator and one postings enumerator per field, reused from term to term,
    /// positioned from the search's term states without searching the term dictionary again.
    /// Deleted documents are left out.
    /// </summary>
    private sealed class LeafPostings(AtomicReaderContext leaf, QueryTermStates states)
    {
        private readonly TermsEnum?[] _terms = [.. states.Fields.Select(field => leaf.AtomicReader.GetTerms(field)?.GetEnumerator())];
        private readonly DocsEnum?[] _reused = new DocsEnum?[states.Fields.Count];

        /// <summary>The documents of the <paramref name="term"/>-th term in the <paramref name="field"/>-th field; null when none has it. Valid until the next call for that field.</summary>
        public DocsEnum? Of(int field, int term)
        {
            if (_terms[field] is not { } terms || !states.SeekExact(terms, term, field, leaf.Ord))
            {
                return null;
            }
            return _reused[field] = terms.Docs(leaf.AtomicReader.LiveDocs, _reused[field], DocsFlags.NONE);
        }
    }
}
