using System.Formats.Tar;

namespace DailyPapers.Search;

// Snapshots of the indexes in the database: stored by one node, restored by a node whose indexes are empty.
public sealed partial class SearchIndexes
{
    private const string KeywordEntry = "keyword";
    private bool _restoreTried;

    /// <summary>The format this node's indexes are written in; only a snapshot of the same one is restored.</summary>
    public IndexSnapshotFormat SnapshotFormat =>
        new(ModelKey, _options.EmbeddingModel.Dimensions, _options.Vectors.Quantization.ToString(), KeywordIndex.SchemaVersion);

    /// <summary>
    /// Stores a snapshot when the newest one of this format is older than <see cref="IndexSnapshotOptions.Interval"/>
    /// and behind the indexes; null when none was due (or this process does not own, or has not yet built, its indexes).
    /// </summary>
    public async Task<IndexSnapshot?> SnapshotIfDueAsync(CancellationToken cancellationToken)
    {
        var newest = await snapshots.NewestAsync(SnapshotFormat, cancellationToken);
        var due = newest is null
            || (clock.GetUtcNow().UtcDateTime - newest.CreatedAt >= _options.Snapshots.Interval
                && (newest.KeywordWatermark, newest.VectorWatermark) != (KeywordWatermark, VectorWatermark));
        return due ? await SnapshotAsync(cancellationToken) : null;
    }

    /// <summary>
    /// Stores a snapshot of both indexes as they are now. The files are copied while catch-ups wait
    /// (a second or two), so index and watermarks agree; the upload runs after, with searches and catch-ups going on.
    /// </summary>
    public async Task<IndexSnapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        var staging = Path.Combine(Folder, "snapshot.out");
        var files = Path.Combine(staging, "files");
        long keywordWatermark, vectorWatermark;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            OpenCore();
            if (!IsOwner || !IsReady || (_keyword!.Watermark < 0 && _vectors!.Watermark < 0))
            {
                return null;
            }
            DeleteFolder(staging);
            _keyword.CopyLastCommitTo(Path.Combine(files, KeywordEntry));
            SaveVectors();
            File.Copy(Path.Combine(Folder, VectorIndex.FileName), Path.Combine(files, VectorIndex.FileName));
            File.Copy(Path.Combine(Folder, VectorIndex.WatermarkFileName), Path.Combine(files, VectorIndex.WatermarkFileName));
            (keywordWatermark, vectorWatermark) = (_keyword.Watermark, _vectors!.Watermark);
        }
        finally
        {
            _gate.Release();
        }
        try
        {
            var archive = Path.Combine(staging, "snapshot.tar");
            await TarFile.CreateFromDirectoryAsync(files, archive, includeBaseDirectory: false, cancellationToken);
            var stored = await snapshots.WriteAsync(SnapshotFormat, keywordWatermark, vectorWatermark, archive, _options.Snapshots.Keep, cancellationToken);
            LogSnapshotStored(logger, stored.Id, stored.Length / (1 << 20), keywordWatermark, vectorWatermark);
            return stored;
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    /// <summary>
    /// Once per process, when an index is empty (a new node, or files that were damaged and dropped):
    /// replaces it with the newest compatible snapshot's, which the catch-up then brings up to date
    /// from its watermark. Anything wrong with the snapshot leaves the empty index, which the catch-up
    /// builds from the database as it would without snapshots. Returns the snapshot used, if any.
    /// Called with the gate held.
    /// </summary>
    private async Task<long?> TryRestoreSnapshotAsync(CancellationToken cancellationToken)
    {
        var (keywordEmpty, vectorsEmpty) = (_keyword!.Watermark < 0, _vectors!.Watermark < 0);
        if (_restoreTried || (!keywordEmpty && !vectorsEmpty))
        {
            return null;
        }
        _restoreTried = true;
        var snapshot = await snapshots.NewestAsync(SnapshotFormat, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }
        var staging = Path.Combine(Folder, "snapshot.in");
        var files = Path.Combine(staging, "files");
        try
        {
            DeleteFolder(staging);
            Directory.CreateDirectory(files);
            var archive = Path.Combine(staging, "snapshot.tar");
            if (await snapshots.ReadAsync(snapshot, archive, cancellationToken) is { } damage)
            {
                LogSnapshotUnusable(logger, snapshot.Id, damage);
                return null;
            }
            await TarFile.ExtractToDirectoryAsync(archive, files, overwriteFiles: false, cancellationToken);
            if (keywordEmpty)
            {
                RestoreKeywordIndex(Path.Combine(files, KeywordEntry));
            }
            if (vectorsEmpty && !RestoreVectorIndex(files, out var reason))
            {
                LogSnapshotUnusable(logger, snapshot.Id, reason);
            }
            LogSnapshotRestored(logger, snapshot.Id, KeywordWatermark, VectorWatermark);
            return snapshot.Id;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogSnapshotUnusable(logger, snapshot.Id, exception.Message);
            return null;
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    private void RestoreKeywordIndex(string restored)
    {
        if (!Directory.Exists(restored))
        {
            return;
        }
        // The empty index holds the folder's write lock: closed first, reopened on the restored files
        // (or, if those are damaged, on an empty folder again, which the catch-up fills). Unset before
        // it is closed, so a search meanwhile finds no keyword index (as before the first build) rather
        // than a closed one.
        var empty = _keyword!;
        _keyword = null;
        empty.Dispose();
        DeleteFolder(KeywordFolder);
        Directory.Move(restored, KeywordFolder);
        _keyword = OpenOrRepairKeywordIndex();
    }

    private bool RestoreVectorIndex(string restored, out string reason)
    {
        File.Move(Path.Combine(restored, VectorIndex.FileName), Path.Combine(Folder, VectorIndex.FileName), overwrite: true);
        File.Move(Path.Combine(restored, VectorIndex.WatermarkFileName), Path.Combine(Folder, VectorIndex.WatermarkFileName), overwrite: true);
        var loaded = VectorIndex.TryLoad(Folder, ModelKey, _options.EmbeddingModel.Dimensions, _options.Vectors, out var why);
        if (loaded is null)
        {
            VectorIndex.Delete(Folder);
            reason = why ?? "unreadable";
            return false;
        }
        SwapVectors(loaded);
        reason = "";
        return true;
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [LoggerMessage(LogLevel.Information, "Stored index snapshot {Snapshot} ({Megabytes} MiB; papers to {KeywordWatermark}, embeddings to {VectorWatermark})")]
    private static partial void LogSnapshotStored(ILogger logger, long snapshot, long megabytes, long keywordWatermark, long vectorWatermark);

    [LoggerMessage(LogLevel.Information, "Restored index snapshot {Snapshot} (papers to {KeywordWatermark}, embeddings to {VectorWatermark}); catching up from there")]
    private static partial void LogSnapshotRestored(ILogger logger, long snapshot, long keywordWatermark, long vectorWatermark);

    [LoggerMessage(LogLevel.Warning, "Index snapshot {Snapshot} is not used ({Reason}); building the indexes from the database instead")]
    private static partial void LogSnapshotUnusable(ILogger logger, long snapshot, string reason);
}
