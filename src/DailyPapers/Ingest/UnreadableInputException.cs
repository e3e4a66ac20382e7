namespace DailyPapers.Ingest;

/// <summary>
/// An input that cannot be read as a whole, or further than <see cref="Location"/>: not the format
/// it was read as, a DTD, XML or a JSON array that breaks off. Unlike a bad record, nothing after it
/// can be trusted, so the importer stops reading that file, keeps what came before and reports the
/// file as unusable.
/// </summary>
public sealed class UnreadableInputException(string location, string reason) : Exception(location + ": " + reason)
{
    /// <summary><c>file:line</c> where reading stopped.</summary>
    public string Location { get; } = location;

    public string Reason { get; } = reason;
}
