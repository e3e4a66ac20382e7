using Lucene.Net.Index;
using Lucene.Net.Util;

namespace DailyPapers.Search;

/// <summary>
/// Where each of a query's distinct terms sits in each field of each segment, looked up once per
/// search. The idfs, the BM25 query's weights and scorers, and the coverage's postings all start from
/// these: before, each of them looked the terms up in every segment's term dictionary on its own,
/// four lookups of every term and field per segment instead of one.
/// </summary>
internal sealed class QueryTermStates
{
    private readonly TermContext[][] _states;
    private readonly BytesRef[] _bytes;

    private QueryTermStates(IReadOnlyList<string> terms, IReadOnlyList<string> fields, TermContext[][] states)
    {
        Terms = terms;
        Fields = fields;
        _states = states;
        _bytes = [.. terms.Select(term => new BytesRef(term))];
    }

    /// <summary>The distinct terms, in query order.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The fields, in the order the states are kept.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// Looks every term up in every field of every segment through one terms enumerator per field and
    /// segment, as <see cref="TermContext.Build"/> would, which makes a new enumerator (about a
    /// kilobyte of buffers) for each lookup: a title query's dozen terms in four fields and four segments made 192.
    /// </summary>
    public static QueryTermStates Build(IndexReader reader, IReadOnlyList<string> terms, IReadOnlyList<string> fields)
    {
        var states = terms.Select(_ => fields.Select(_ => new TermContext(reader.Context)).ToArray()).ToArray();
        var lookup = new QueryTermStates(terms, fields, states);
        foreach (var leaf in reader.Leaves)
        {
            for (var field = 0; field < fields.Count; field++)
            {
                if (leaf.AtomicReader.GetTerms(fields[field])?.GetEnumerator() is not { } enumerator)
                {
                    continue;
                }
                for (var term = 0; term < terms.Count; term++)
                {
                    if (enumerator.SeekExact(lookup._bytes[term]))
                    {
                        states[term][field].Register(enumerator.GetTermState(), leaf.Ord, enumerator.DocFreq, enumerator.TotalTermFreq);
                    }
                }
            }
        }
        return lookup;
    }

    /// <summary>The lookup of <paramref name="term"/> (one of <see cref="Terms"/>) in <paramref name="field"/>.</summary>
    public TermContext Of(int term, int field) => _states[term][field];

    /// <summary>The most papers any one field has the term in: what its idf is counted from.</summary>
    public int MaxDocFreq(int term) => _states[term].Max(state => state.DocFreq);

    /// <summary>
    /// Positions <paramref name="terms"/> (a terms enumerator of <paramref name="field"/> in the segment
    /// <paramref name="leafOrd"/>) on the term without searching the dictionary; false when the segment lacks it.
    /// </summary>
    public bool SeekExact(TermsEnum terms, int term, int field, int leafOrd)
    {
        if (_states[term][field].Get(leafOrd) is not { } state)
        {
            return false;
        }
        terms.SeekExact(_bytes[term], state);
        return true;
    }
}
