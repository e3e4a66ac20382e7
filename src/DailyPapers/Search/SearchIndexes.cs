using DailyPapers.Data;
using Microsoft.Extensions.Options;

namespace DailyPapers.Search;

/// <summary>
/// The node's two derived indexes under <c>{data}/index/</c>, kept in step with the database by
/// change sequence. One process owns the folder (an OS file lock, released even by <c>kill -9</c>)
/// and writes; any other process (a CLI <c>search</c> next to the running site) reads what was saved.
/// A missing, damaged or other-model index is restored from the newest index snapshot in the
/// database and caught up from there, or, without a usable snapshot, rebuilt from the database.
/// </summary>
public sealed partial class SearchIndexes(
    DataDirectory data, IServiceScopeFactory scopes, IndexSnapshotStore snapshots, IOptions<SearchOptions> options, TimeProvider clock, ILogger<SearchIndexes> logger) : IDisposable, IAsyncDisposable
{
    private const string RebuildRequestFile = "rebuild.request";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReaderWriterLockSlim _vectorLock = new(LockRecursionPolicy.NoRecursion);
    private readonly SearchOptions _options = options.Value;
    private KeywordIndex? _keyword;
    private VectorIndex? _vectors;
    private FileStream? _owner;
    private long _lastVectorSave;
    private long _caughtUpTicks;

    public string Folder { get; } = data.File("index");
    public string KeywordFolder => Path.Combine(Folder, "keyword");
    public string ModelKey => _options.EmbeddingModel.Key(_options.MaxTokens);

    /// <summary>Whether this process writes the indexes (false: another process owns the folder).</summary>
    public bool IsOwner => _owner is not null;

    public int VectorCount
    {
        get
        {
            _vectorLock.EnterReadLock();
            try
            {
                return _vectors?.Count ?? 0;
            }
            finally
            {
                _vectorLock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// When this process last finished a catch-up (or rebuild) with the database: every paper and
    /// stored embedding committed before it began is in the indexes. Null until the first one, which
    /// on a new node is the whole build from the database (stored vectors, no model run).
    /// </summary>
    public DateTimeOffset? CaughtUpAt
    {
        get
        {
            // Ticks in one long, so a reader on another thread (a readiness probe) never sees a torn value.
            var ticks = Interlocked.Read(ref _caughtUpTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Whether the indexes have caught up with the database at least once since this process opened them.</summary>
    public bool IsReady => CaughtUpAt is not null;

    /// <summary>How long the last catch-up's keyword and vector parts took (a new node's build is mostly these two).</summary>
    public CatchUpTimes LastRoundTimes { get; private set; }

    public long KeywordWatermark => _keyword?.Watermark ?? -1;
    public long VectorWatermark => _vectors?.Watermark ?? -1;

    /// <summary>Opens the indexes if this process has not yet (building them when missing or damaged).</summary>
    public async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_keyword is not null)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            OpenCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Indexes every paper and embedding that changed since the watermarks (a reader just refreshes).</summary>
    public async Task<CatchUpResult> CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            OpenCore();
            var started = clock.GetUtcNow();
            if (!IsOwner)
            {
                _keyword?.Refresh();
                MarkCaughtUp(started);
                return CatchUpResult.None;
            }
            if (File.Exists(Path.Combine(Folder, RebuildRequestFile)))
            {
                File.Delete(Path.Combine(Folder, RebuildRequestFile));
                return await RebuildCoreAsync(cancellationToken);
            }
            var restored = await TryRestoreSnapshotAsync(cancellationToken);
            var (keywordPart, vectorPart) = await BothAsync(
                () => CatchUpKeywordsAsync(_keyword!, cancellationToken),
                () => CatchUpVectorsAsync(_vectors!, locked: true, cancellationToken));
            var ((keywordDocs, refused), vectors) = (keywordPart.Result, vectorPart.Result);
            LastRoundTimes = new CatchUpTimes(keywordPart.Took, vectorPart.Took);
            var now = clock.GetTimestamp();
            if (_vectors!.Unsaved > 0 && (_vectors.Unsaved >= 1000 || clock.GetElapsedTime(_lastVectorSave, now) > TimeSpan.FromMinutes(1)))
            {
                SaveVectors();
            }
            MarkCaughtUp(started);
            return new CatchUpResult(keywordDocs, vectors)
            {
                NotIndexed = refused,
                RestoredSnapshot = restored,
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Rebuilds both indexes from the database. Searches keep answering from the old ones until the
    /// new ones are complete. When another process owns the folder, asks it to rebuild instead.
    /// </summary>
    public async Task<RebuildOutcome> RebuildAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            OpenCore();
            if (!IsOwner)
            {
                await File.WriteAllTextAsync(Path.Combine(Folder, RebuildRequestFile), "", cancellationToken);
                return new RebuildOutcome(false, CatchUpResult.None);
            }
            return new RebuildOutcome(true, await RebuildCoreAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Papers in the keyword index; with its watermark current, that is every paper of the catalog.</summary>
    public int KeywordCount => _keyword?.Count() ?? 0;

    public IReadOnlyList<long> KeywordSearch(string text, int count) => _keyword?.Search(text, count) ?? [];

    /// <summary>The keyword lane with each paper's coverage of the query, and how many papers reach <paramref name="minCoverage"/>.</summary>
    public KeywordMatches KeywordMatch(string text, int count, double minCoverage, int tellingTerms) =>
        _keyword?.Match(text, count, minCoverage, tellingTerms) ?? KeywordMatches.None;

    public IReadOnlyList<long> ExactTitle(string text) => _keyword?.ExactTitle(text) ?? [];

    public IReadOnlyList<long> ExactAuthor(string text) => _keyword?.ExactAuthor(text) ?? [];

    public IReadOnlyList<long> MoreLikeThis(string text, int count) => _keyword?.MoreLikeThis(text, count) ?? [];

    public IReadOnlyList<(long PaperId, float Similarity)> VectorSearch(float[] query, int count)
    {
        _vectorLock.EnterReadLock();
        try
        {
            return _vectors?.Search(query, count) ?? [];
        }
        finally
        {
            _vectorLock.ExitReadLock();
        }
    }

    private async Task<CatchUpResult> RebuildCoreAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        LogRebuilding(logger, Folder);
        // Lucene keeps serving the last commit until the rebuilt one is committed.
        _keyword!.Clear();
        var fresh = VectorIndex.CreateEmpty(ModelKey, _options.EmbeddingModel.Dimensions, _options.Vectors);
        var (keywordPart, vectorPart) = await BothAsync(
            () => CatchUpKeywordsAsync(_keyword, cancellationToken, fromScratch: true),
            () => CatchUpVectorsAsync(fresh, locked: false, cancellationToken));
        var ((keywordDocs, refused), vectors) = (keywordPart.Result, vectorPart.Result);
        LastRoundTimes = new CatchUpTimes(keywordPart.Took, vectorPart.Took);
        SwapVectors(fresh);
        SaveVectors();
        MarkCaughtUp(started);
        return new CatchUpResult(keywordDocs, vectors) { NotIndexed = refused };
    }

    /// <summary>
    /// Runs the keyword and the vector catch-up side by side, each timed. They share nothing (their
    /// own index, their own database scope), and on a new node's full build BM25 is one core's work
    /// while HNSW's first inserts go in one at a time, so together they take about the longer one.
    /// Both are awaited before any failure is thrown, so neither is left running behind the gate.
    /// </summary>
    private async Task<(Timed<TKeyword> Keyword, Timed<TVectors> Vectors)> BothAsync<TKeyword, TVectors>(
        Func<Task<TKeyword>> keyword, Func<Task<TVectors>> vectors)
    {
        // Task.Run: the SQLite provider's reads run synchronously, so an await alone would not overlap them.
        var keywordPart = Task.Run(() => TimeAsync(keyword));
        var vectorPart = Task.Run(() => TimeAsync(vectors));
        await Task.WhenAll(keywordPart, vectorPart);
        return (await keywordPart, await vectorPart);
    }

    private async Task<Timed<T>> TimeAsync<T>(Func<Task<T>> work)
    {
        var start = clock.GetTimestamp();
        var result = await work();
        return new Timed<T>(result, clock.GetElapsedTime(start));
    }

    private readonly record struct Timed<T>(T Result, TimeSpan Took);

    /// <summary>Records the time the finished round began: anything committed after that may not be in yet.</summary>
    private void MarkCaughtUp(DateTimeOffset started) => Interlocked.Exchange(ref _caughtUpTicks, started.UtcTicks);

    private void SwapVectors(VectorIndex fresh)
    {
        _vectorLock.EnterWriteLock();
        try
        {
            _vectors?.Dispose();
            _vectors = fresh;
        }
        finally
        {
            _vectorLock.ExitWriteLock();
        }
    }

    private void SaveVectors()
    {
        _vectorLock.EnterReadLock();
        try
        {
            _vectors?.Save(Folder);
            _lastVectorSave = clock.GetTimestamp();
        }
        finally
        {
            _vectorLock.ExitReadLock();
        }
    }

    /// <summary>Saves unsaved vectors and releases the folder. Safe to call more than once.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (IsOwner && _vectors is { Unsaved: > 0 })
            {
                SaveVectors();
            }
            _keyword?.Dispose();
            _keyword = null;
            _vectorLock.EnterWriteLock();
            _vectors?.Dispose();
            _vectors = null;
            _vectorLock.ExitWriteLock();
            _owner?.Dispose();
            _owner = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Rebuilding the search indexes in {Folder} from the database")]
    private static partial void LogRebuilding(ILogger logger, string folder);
}

/// <summary>What one catch-up indexed.</summary>
public sealed record CatchUpResult(int KeywordDocuments, int Vectors)
{
    /// <summary>Papers read but left out of the keyword index because it refused their text (each logged with its reason).</summary>
    public int NotIndexed { get; init; }

    /// <summary>The index snapshot this round started from (a new node's first round), if any.</summary>
    public long? RestoredSnapshot { get; init; }

    public static readonly CatchUpResult None = new(0, 0);
}

/// <summary>How long one catch-up spent on each index.</summary>
public readonly record struct CatchUpTimes(TimeSpan Keyword, TimeSpan Vectors);

/// <summary>Whether this process rebuilt the indexes itself or asked their owner to.</summary>
public sealed record RebuildOutcome(bool RebuiltHere, CatchUpResult Indexed);
