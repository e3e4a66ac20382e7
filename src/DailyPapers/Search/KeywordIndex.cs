using System.Globalization;
using DailyPapers.Papers;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DailyPapers.Search;

/// <summary>A paper as the keyword index sees it.</summary>
public sealed record KeywordDocument(long PaperId, string Title, string? Abstract, IReadOnlyList<string> Authors, string Categories);

/// <summary>
/// The Lucene BM25 index of titles, abstracts, authors and categories. User text is only ever run
/// through the analyzer and turned into term queries here, never through a query parser, so quotes,
/// colons, brackets and operators are plain words. The change sequence it has caught up to is kept
/// in the commit's user data, so index and watermark are written atomically.
/// </summary>
public sealed class KeywordIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "pid";
    private const string TitleKeyField = "title_key";
    private const string AuthorKeyField = "author_key";
    private const string WatermarkKey = "change_seq";

    // The documents' shape, kept in the commit's user data: an index written with another shape (an
    // older version without author keys) is emptied when opened for writing and rebuilt from the database.
    private const string SchemaKey = "schema";
    /// <summary>The documents' shape this version writes; an index or a snapshot of another shape is rebuilt, not used.</summary>
    public const string SchemaVersion = "2";

    /// <summary>Field weights: a word in the title says more about a paper than one in its abstract.</summary>
    public static readonly IReadOnlyDictionary<string, float> FieldBoosts = new Dictionary<string, float>(StringComparer.Ordinal)
    {
        ["title"] = 2.0f,
        ["abstract"] = 1.0f,
        ["authors"] = 1.0f,
        ["categories"] = 1.0f,
    };

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly IndexWriter? _writer;
    private readonly SearcherManager _searchers;

    private KeywordIndex(LuceneDirectory directory, IndexWriter? writer)
    {
        _directory = directory;
        _writer = writer;
        _searchers = writer is null ? new SearcherManager(directory, new Bm25SearcherFactory()) : new SearcherManager(writer, true, new Bm25SearcherFactory());
        var data = writer?.CommitData ?? DirectoryReader.ListCommits(directory)[^1].UserData;
        Watermark = ReadWatermark(data);
        if (!IsCurrentSchema(data))
        {
            WasRebuiltForSchema = Watermark >= 0;
            Watermark = -1;
            writer?.DeleteAll();
        }
    }

    /// <summary>True when the index on disk had documents of an older shape, which were dropped to be indexed again.</summary>
    public bool WasRebuiltForSchema { get; }

    /// <summary>Highest change sequence whose papers are in the index; -1 for an empty index.</summary>
    public long Watermark { get; private set; }

    public bool IsWritable => _writer is not null;

    /// <summary>
    /// Opens the index in <paramref name="folder"/> for writing, creating it when missing. Throws
    /// (<see cref="CorruptIndexException"/>, <see cref="IOException"/>…) when the files are damaged.
    /// </summary>
    public static KeywordIndex OpenWritable(string folder)
    {
        var directory = FSDirectory.Open(folder);
        try
        {
            var config = new IndexWriterConfig(Version, new EnglishAnalyzer(Version))
            {
                Similarity = new BM25Similarity(),
                OpenMode = OpenMode.CREATE_OR_APPEND,
            };
            var writer = new IndexWriter(directory, config);
            if (!DirectoryReader.IndexExists(directory))
            {
                writer.Commit();
            }
            return new KeywordIndex(directory, writer);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing index for searching only (another process owns it).</summary>
    public static KeywordIndex OpenReadOnly(string folder)
    {
        var directory = FSDirectory.Open(folder);
        try
        {
            return new KeywordIndex(directory, null);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Adds or replaces each paper's document. Text is cleaned on the way in (<see cref="SafeText.Clean"/>),
    /// so a record that reached the database without passing the import door still indexes; a paper
    /// whose document Lucene refuses anyway is left out and returned with the reason, and never stops
    /// the others.
    /// </summary>
    public IReadOnlyList<(long PaperId, string Reason)> Upsert(IEnumerable<KeywordDocument> papers)
    {
        var writer = _writer ?? throw new InvalidOperationException("The keyword index is open read-only.");
        List<(long, string)>? refused = null;
        foreach (var paper in papers)
        {
            var id = paper.PaperId.ToString(CultureInfo.InvariantCulture);
            try
            {
                writer.UpdateDocument(new Term("id", id), ToDocument(id, paper));
            }
            catch (Exception exception) when (exception is not (IOException or OutOfMemoryException or ObjectDisposedException or OperationCanceledException))
            {
                (refused ??= []).Add((paper.PaperId, exception.Message));
            }
        }
        return refused ?? [];
    }

    private static Document ToDocument(string id, KeywordDocument paper)
    {
        var title = SafeText.Clean(paper.Title) ?? "";
        var authors = paper.Authors.Select(SafeText.Clean).OfType<string>().ToList();
        var document = new Document
        {
            new StringField("id", id, Field.Store.NO),
            new NumericDocValuesField(IdField, paper.PaperId),
            new StringField(TitleKeyField, TitleKey(title), Field.Store.NO),
            new TextField("title", title, Field.Store.NO),
            new TextField("abstract", SafeText.Clean(paper.Abstract) ?? "", Field.Store.NO),
            new TextField("authors", string.Join(", ", authors), Field.Store.NO),
            new TextField("categories", SafeText.Clean(paper.Categories) ?? "", Field.Store.NO),
        };
        foreach (var key in authors.Select(AuthorKey).Where(key => key.Length > 0).Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(AuthorKeyField, key, Field.Store.NO));
        }
        return document;
    }

    /// <summary>
    /// Copies the files of the last commit into <paramref name="folder"/>: a complete index that opens
    /// on its own, with the watermark of that commit. The caller keeps commits from happening meanwhile;
    /// merges never touch a commit's files, and those stay until the next commit replaces it.
    /// </summary>
    public void CopyLastCommitTo(string folder)
    {
        var source = ((FSDirectory)_directory).Directory.FullName;
        System.IO.Directory.CreateDirectory(folder);
        foreach (var file in DirectoryReader.ListCommits(_directory)[^1].FileNames)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        }
    }

    /// <summary>Drops every document (the next <see cref="Commit"/> makes that visible atomically).</summary>
    public void Clear() => (_writer ?? throw new InvalidOperationException("The keyword index is open read-only.")).DeleteAll();

    /// <summary>
    /// The most segments a commit leaves. A search pays for every segment (each clause's scorer, the
    /// bucketed scorer's table, each term's lookup): at 130k, the same index in six segments and in
    /// one cost a hybrid search about 2 ms and 1 MB of allocation apart (docs/benchmarks.md, "Search
    /// latency against the commit before issue 12"). Lucene's forced merge to n segments merges the
    /// smallest ones, so a commit that adds a small segment rewrites small segments only, not the
    /// large one a build from scratch leaves.
    /// </summary>
    public const int MaxSegments = 3;

    /// <summary>
    /// Makes the changes since the last commit visible with the <paramref name="watermark"/> they reach,
    /// merging down to <see cref="MaxSegments"/> first, or to one segment after a build from scratch
    /// (<paramref name="builtFromScratch"/>), which the index then keeps as its large segment.
    /// </summary>
    public void Commit(long watermark, bool builtFromScratch = false)
    {
        var writer = _writer ?? throw new InvalidOperationException("The keyword index is open read-only.");
        writer.ForceMerge(builtFromScratch ? 1 : MaxSegments);
        writer.SetCommitData(new Dictionary<string, string> { [WatermarkKey] = watermark.ToString(CultureInfo.InvariantCulture), [SchemaKey] = SchemaVersion });
        writer.Commit();
        Watermark = watermark;
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>The segments the current searcher reads.</summary>
    internal int SegmentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Picks up commits made by the process that owns the index (read-only mode).</summary>
    public void Refresh() => _searchers.MaybeRefresh();

    /// <summary>Paper ids by BM25 score, best first. Text that analyzes to no terms matches nothing.</summary>
    public IReadOnlyList<long> Search(string text, int count)
    {
        var terms = Analyze(text);
        return terms.Count == 0 || count <= 0 ? [] : Run(Bm25Query(terms), count);
    }

    /// <summary>
    /// Every field of every term as one flat disjunction (repeated terms stay repeated clauses, as
    /// BM25 has always scored them), which Lucene ranks with its bucketed, out-of-order scorer.
    /// Lucene caps a query at 1,024 clauses; four fields per term keeps 250 terms under it.
    /// </summary>
    private static BooleanQuery Bm25Query(List<string> terms, QueryTermStates? states = null)
    {
        var query = new BooleanQuery();
        var distinct = states?.Terms.Select((term, index) => (term, index)).ToDictionary(t => t.term, t => t.index, StringComparer.Ordinal);
        foreach (var term in terms.Take(MaxQueryTerms))
        {
            var field = 0;
            foreach (var (name, boost) in FieldBoosts)
            {
                // With the states looked up already, the query's weights and scorers reuse them instead of searching the term dictionaries again.
                var termQuery = states is null ? new TermQuery(new Term(name, term)) : new TermQuery(new Term(name, term), states.Of(distinct![term], field));
                termQuery.Boost = boost;
                query.Add(termQuery, Occur.SHOULD);
                field++;
            }
        }
        return query;
    }

    private static readonly IReadOnlyList<string> Fields = [.. FieldBoosts.Keys];

    private const int MaxQueryTerms = 250;

    /// <summary>
    /// The <paramref name="count"/> best papers by BM25 score, each with its coverage of the query (the
    /// idf of the query's distinct terms it contains over the idf of the query's
    /// <paramref name="tellingTerms"/> rarest terms, at most 1), and whether any paper beyond them
    /// reaches <paramref name="minCoverage"/> (so a total counted from them is a lower bound). A term no paper has counts at the highest idf:
    /// a short query for a word the catalog lacks is not answered by its other words alone.
    /// </summary>
    public KeywordMatches Match(string text, int count, double minCoverage, int tellingTerms)
    {
        var terms = Analyze(text);
        if (terms.Count == 0 || count <= 0)
        {
            return KeywordMatches.None;
        }
        // The query as Lucene runs it: the terms past its clause cap are dropped before they are split.
        terms = [.. terms.Take(MaxQueryTerms)];
        var distinct = terms.Distinct(StringComparer.Ordinal).ToList();
        var searcher = _searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var states = QueryTermStates.Build(reader, distinct, Fields);
            var documents = Math.Max(1, reader.NumDocs);
            var idfs = distinct.Select((_, term) => Idf(documents, states.MaxDocFreq(term))).ToList();
            var measure = new QueryCoverage(states, idfs, tellingTerms);
            var top = TopByBm25(searcher, terms, states, [.. measure.EssentialTerms(minCoverage).Select(term => distinct[term])], count);
            var kept = top.ScoreDocs.Select(hit => hit.Doc).ToList();
            var (coverage, morePass) = measure.Measure(reader, kept, top.TotalHits, minCoverage);
            var ids = PaperIds(reader, kept);
            var hits = new List<KeywordHit>(kept.Count);
            for (var i = 0; i < kept.Count; i++)
            {
                hits.Add(new KeywordHit(ids[i], coverage[kept[i]]));
            }
            return new KeywordMatches(hits, morePass) { QueryTerms = distinct.Count };
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The <paramref name="count"/> papers with one of the <paramref name="essential"/> terms (the only
    /// ones that can reach the coverage floor) that BM25 over every term ranks best, in that order.
    /// When the query has common terms that cannot make a paper pass on their own, they are left out
    /// of the search and only added to the scores of the papers it keeps (see <see cref="AddScores"/>):
    /// their long postings were most of a long query's time. A paper's score is the same sum of
    /// clause scores either way; what changes is that a paper whose essential terms alone rank it
    /// below the first <paramref name="count"/> is not kept, nor one with common terms only.
    /// </summary>
    private static TopDocs TopByBm25(IndexSearcher searcher, List<string> terms, QueryTermStates states, HashSet<string> essential, int count)
    {
        if (essential.Count == states.Terms.Count)
        {
            return searcher.Search(Bm25Query(terms, states), count);
        }
        var top = searcher.Search(Bm25Query([.. terms.Where(essential.Contains)], states), count);
        AddScores(searcher, Bm25Query([.. terms.Where(term => !essential.Contains(term))], states), top.ScoreDocs);
        // Best first; equal scores by document, as a search orders them.
        Array.Sort(top.ScoreDocs, (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        return top;
    }

    /// <summary>
    /// Adds each hit's score for <paramref name="query"/> to its score: the query's scorer in each
    /// segment is advanced to the hits there, in document order. Lucene's <c>QueryRescorer</c> does
    /// this too, but in this version fails on a segment where the query matches nothing.
    /// </summary>
    private static void AddScores(IndexSearcher searcher, Query query, ScoreDoc[] hits)
    {
        var weight = searcher.CreateNormalizedWeight(query);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var group in hits.OrderBy(hit => hit.Doc).GroupBy(hit => ReaderUtil.SubIndex(hit.Doc, leaves)))
        {
            var leaf = leaves[group.Key];
            if (weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is not { } scorer)
            {
                continue;
            }
            foreach (var hit in group)
            {
                var target = hit.Doc - leaf.DocBase;
                var at = scorer.DocID < target ? scorer.Advance(target) : scorer.DocID;
                if (at == target)
                {
                    hit.Score += scorer.GetScore();
                }
            }
        }
    }

    /// <summary>BM25's idf (Lucene's form, always positive).</summary>
    private static double Idf(int documents, int docFreq) => Math.Log(1 + ((documents - docFreq + 0.5) / (docFreq + 0.5)));

    /// <summary>
    /// Papers sharing the most telling words of <paramref name="text"/> (a paper's title and abstract):
    /// its <see cref="MoreLikeThisTerms"/> terms with the highest tf·idf, searched in titles and
    /// abstracts with BM25. The idea and the 25-term default are Lucene's MoreLikeThis; the selection
    /// is done here because that class lives in a package this project does not otherwise need.
    /// </summary>
    public IReadOnlyList<long> MoreLikeThis(string text, int count)
    {
        var terms = Analyze(text);
        if (terms.Count == 0 || count <= 0)
        {
            return [];
        }
        var searcher = _searchers.Acquire();
        List<string> telling;
        try
        {
            var reader = searcher.IndexReader;
            var documents = Math.Max(1, reader.NumDocs);
            telling = [.. terms.GroupBy(t => t, StringComparer.Ordinal)
                .Select(g => (Term: g.Key, Frequency: g.Count(),
                    DocFreq: Math.Max(reader.DocFreq(new Term("title", g.Key)), reader.DocFreq(new Term("abstract", g.Key)))))
                .Where(t => t.DocFreq > 0)
                // BM25's idf: a word most papers use says little about which ones are alike.
                .OrderByDescending(t => t.Frequency * Idf(documents, t.DocFreq))
                .ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(MoreLikeThisTerms)
                .Select(t => t.Term)];
        }
        finally
        {
            _searchers.Release(searcher);
        }
        if (telling.Count == 0)
        {
            return [];
        }
        var query = new BooleanQuery();
        foreach (var term in telling)
        {
            query.Add(new TermQuery(new Term("title", term)) { Boost = FieldBoosts["title"] }, Occur.SHOULD);
            query.Add(new TermQuery(new Term("abstract", term)) { Boost = FieldBoosts["abstract"] }, Occur.SHOULD);
        }
        return Run(query, count);
    }

    /// <summary>Query terms of <see cref="MoreLikeThis"/>: Lucene's default for the same technique.</summary>
    public const int MoreLikeThisTerms = 25;

    /// <summary>Papers whose title equals <paramref name="text"/> ignoring case and spacing.</summary>
    public IReadOnlyList<long> ExactTitle(string text, int count = 10)
    {
        var key = TitleKey(text);
        return key.Length == 0 ? [] : Run(new TermQuery(new Term(TitleKeyField, key)), count);
    }

    /// <summary>Papers with an author whose whole name is <paramref name="text"/>, in any order of its names, with or without diacritics.</summary>
    public IReadOnlyList<long> ExactAuthor(string text, int count = ExactAuthorPapers)
    {
        var key = AuthorKey(text);
        return key.Length == 0 ? [] : Run(new TermQuery(new Term(AuthorKeyField, key)), count);
    }

    /// <summary>How many papers of a named author come first: a page of results.</summary>
    public const int ExactAuthorPapers = 100;

    /// <summary>
    /// An author's name as a key: its names without diacritics (compatibility-decomposed, marks
    /// dropped), lower case, sorted, so "Jürgen Schmidhuber", "Schmidhuber, Jurgen" and "jurgen
    /// SCHMIDHUBER" meet. A single word is no key: "Attention" or "Bengio" alone are searched as words.
    /// </summary>
    public static string AuthorKey(string name)
    {
        if (SafeText.Clean(name) is not { } clean)
        {
            return "";
        }
        var decomposed = clean.Normalize(System.Text.NormalizationForm.FormKD);
        var letters = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            letters.Append(!char.IsLetterOrDigit(lower) ? " " : UndecomposedLetters.GetValueOrDefault(lower) ?? lower.ToString());
        }
        var names = letters.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return names.Length < 2 ? "" : string.Join(' ', names.Order(StringComparer.Ordinal));
    }

    // Latin letters that carry their mark inside (no decomposition), spelled as names are written without it.
    private static readonly Dictionary<char, string> UndecomposedLetters = new()
    {
        ['ø'] = "o",
        ['đ'] = "d",
        ['ł'] = "l",
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['þ'] = "th",
        ['ð'] = "d",
        ['ı'] = "i",
        ['ħ'] = "h",
    };

    /// <summary>
    /// Case- and whitespace-insensitive form of a title (compatibility-normalized, so ligatures and
    /// full-width letters match too). Cleaned first: normalization throws on noncharacters and lone surrogates.
    /// </summary>
    public static string TitleKey(string title) =>
        SafeText.Clean(title)?.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant() is { } key
            ? string.Join(' ', key.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : "";

    public int Count()
    {
        var searcher = _searchers.Acquire();
        try
        {
            return searcher.IndexReader.NumDocs;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private List<long> Run(Query query, int count)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(query, count);
            return PaperIds(searcher.IndexReader, [.. top.ScoreDocs.Select(hit => hit.Doc)]);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The paper ids of documents of the whole reader, in their order; each segment's id values are looked up once.</summary>
    private static List<long> PaperIds(IndexReader reader, List<int> docs)
    {
        var leaves = reader.Leaves;
        var values = new NumericDocValues?[leaves.Count];
        var ids = new List<long>(docs.Count);
        foreach (var doc in docs)
        {
            var index = ReaderUtil.SubIndex(doc, leaves);
            var leaf = leaves[index];
            ids.Add((values[index] ??= leaf.AtomicReader.GetNumericDocValues(IdField)).Get(doc - leaf.DocBase));
        }
        return ids;
    }

    private List<string> Analyze(string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream("abstract", new StringReader(SafeText.Clean(text) ?? ""));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    private static bool IsCurrentSchema(IDictionary<string, string>? data) =>
        // A new, empty index has no commit data yet and is of the current shape.
        data is null || data.Count == 0 || (data.TryGetValue(SchemaKey, out var schema) && schema == SchemaVersion);

    private static long ReadWatermark(IDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(WatermarkKey, out var value) && long.TryParse(value, CultureInfo.InvariantCulture, out var seq) ? seq : -1;

    public void Dispose()
    {
        _searchers.Dispose();
        _writer?.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    /// <summary>BM25 must be set on the searcher as well as the writer, or scoring silently falls back to TF-IDF.</summary>
    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}

/// <summary>A paper the keyword lane found, with the idf-weighted share of the query's terms it has.</summary>
public readonly record struct KeywordHit(long PaperId, double Coverage);

/// <summary>The keyword lane's best papers, and whether papers beyond them reach the coverage floor too.</summary>
public sealed record KeywordMatches(IReadOnlyList<KeywordHit> Hits, bool MorePassBeyondHits)
{
    /// <summary>How many distinct terms the query has after analysis (at most the 250 a query is cut to).</summary>
    public int QueryTerms { get; init; }

    public static readonly KeywordMatches None = new([], false);
}
