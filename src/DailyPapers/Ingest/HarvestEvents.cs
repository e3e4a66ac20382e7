namespace DailyPapers.Ingest;

/// <summary>What a harvest tells its operator while it runs (the CLI prints these).</summary>
public abstract record HarvestEvent;

/// <summary>A page (OAI-PMH) or a day (Hugging Face) was fetched and committed.</summary>
/// <param name="Label">What was fetched, e.g. <c>arXivRaw page 3</c> or <c>hf 2025-06-23</c>.</param>
/// <param name="Page">1-based page number in this list (or day number in this run).</param>
/// <param name="Papers">Papers on this page that were written.</param>
/// <param name="Deleted">Deleted records on this page (left alone in the catalog).</param>
/// <param name="Skipped">Records on this page that could not be read.</param>
/// <param name="TotalPapers">Papers written so far in this run.</param>
/// <param name="Expected">Size of the whole list when the source says (OAI-PMH <c>completeListSize</c>).</param>
/// <param name="Elapsed">Time since the run started, waits included.</param>
public sealed record PageHarvested(string Label, int Page, int Papers, int Deleted, int Skipped, long TotalPapers, long? Expected, TimeSpan Elapsed)
    : HarvestEvent
{
    public double PapersPerSecond => Elapsed > TimeSpan.Zero ? TotalPapers / Elapsed.TotalSeconds : 0;
}

/// <summary>A record that could not be read, and why; the harvest goes on without it.</summary>
public sealed record RecordSkipped(string Location, string Error) : HarvestEvent;

/// <summary>A record that was kept with a field cut to its limit (<see cref="FieldLimits"/>), and what was cut.</summary>
public sealed record RecordCut(string Location, string Note) : HarvestEvent
{
    /// <summary>Reports each cut the text door made to <paramref name="item"/>'s record.</summary>
    public static void ReportAll(ParsedItem item, IProgress<HarvestEvent>? progress)
    {
        foreach (var note in item.Notes ?? [])
        {
            progress?.Report(new RecordCut(item.Location, note));
        }
    }
}

/// <summary>Something the operator should know: a wait asked by the server, a resumed or restarted list.</summary>
public sealed record HarvestNotice(string Message) : HarvestEvent;

/// <summary>A harvest that cannot go on, with a message for the operator (the CLI prints it and exits non-zero).</summary>
public sealed class HarvestException : Exception
{
    public HarvestException(string message, string oaiErrorCode) : base(message)
    {
        OaiErrorCode = oaiErrorCode;
    }

    public HarvestException()
    {
    }

    public HarvestException(string message) : base(message)
    {
    }

    public HarvestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The OAI-PMH error code when the repository refused the request (<c>badResumptionToken</c>, ...).</summary>
    public string? OaiErrorCode { get; }
}
