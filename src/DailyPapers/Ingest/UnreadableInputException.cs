namespace DailyPapers.Ingest;

/// <summary>
/// An input that breaks off partway: cut off, or malformed from some point on (a JSON array or an
/// XML document cannot be resynchronized), so nothing after <see cref="Location"/> can be read.
/// Import parsers throw it after yielding the records before the break. It is an
/// <see cref="IOException"/> because, to the importer, the file cannot be read further: it keeps
/// what came before, lists the input as not read to the end and exits 2 (docs/cli.md).
/// Harvests do not see it: a broken page stays an error item there.
/// </summary>
public sealed class UnreadableInputException(string location, string reason) : IOException(location + ": " + reason)
{
    /// <summary><c>file:line</c> where reading stopped.</summary>
    public string Location { get; } = location;

    public string Reason { get; } = reason;
}
