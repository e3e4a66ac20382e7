namespace DailyPapers.Ingest;

/// <summary>
/// Running totals of an import, updated by the importer's parse and write loops and safe to read
/// from a progress display on another thread. At the end every record read is accounted for once:
/// <see cref="Read"/> = inserted + updated + unchanged + merged duplicates (<see cref="Written"/>) + <see cref="Skipped"/>.
/// </summary>
public sealed class ImportProgress
{
    private readonly Lock _lock = new();
    private long _read;
    private long _skipped;
    private long _cut;
    private WriteResult _written = WriteResult.None;
    private InputFile? _file;

    /// <summary>Called (on the parsing thread) with <c>location: reason</c> for each record that is skipped.</summary>
    public Action<string>? Problem { get; init; }

    /// <summary>Called with <c>location: reason</c> for an input that could not be read to the end; never to be dropped from a long list.</summary>
    public Action<string>? Failure { get; init; }

    /// <summary>Records read, good or bad.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Records skipped as unreadable.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Records kept with a field cut to its limit (<see cref="FieldLimits"/>); counted in their write outcome too.</summary>
    public long Cut => Interlocked.Read(ref _cut);

    public WriteResult Written
    {
        get
        {
            lock (_lock)
            {
                return _written;
            }
        }
    }

    /// <summary>Inputs that could not be read to the end (<c>location: reason</c>), also reported through <see cref="Problem"/>.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>For each such input, how far it was read (<c>file: read to byte N of M, the rest is damaged</c>), for the summary.</summary>
    public List<string> Unread { get; } = [];

    /// <summary>Bytes read of the current (or last) file and its size, for a byte progress bar.</summary>
    public (long Position, long Length) FileBytes => _file is { } file ? (file.Position, file.Length) : (0, 0);

    internal void Reading(InputFile file) => _file = file;

    internal void Good() => Interlocked.Increment(ref _read);

    internal void Bad(string location, string reason)
    {
        Interlocked.Increment(ref _read);
        Interlocked.Increment(ref _skipped);
        Problem?.Invoke(location + ": " + reason);
    }

    /// <summary>A record kept after the text door cut it; each cut is reported like a problem, but the record is not skipped.</summary>
    internal void Noted(string location, IReadOnlyList<string> notes)
    {
        Interlocked.Increment(ref _cut);
        foreach (var note in notes)
        {
            Problem?.Invoke(location + ": kept, " + note);
        }
    }

    internal void Wrote(WriteResult result)
    {
        lock (_lock)
        {
            _written = _written.Add(result);
        }
    }

    /// <param name="message">What went wrong and where (<c>file:line: reason</c>).</param>
    /// <param name="unread">How far the file was read, for the summary line.</param>
    internal void Failed(string message, string unread)
    {
        lock (_lock)
        {
            Failures.Add(message);
            Unread.Add(unread);
        }
        (Failure ?? Problem)?.Invoke(message);
    }
}
