namespace DailyPapers.Ingest;

/// <summary>A scheduled harvest's progress, into the site's log: what the CLI would print for its operator.</summary>
internal sealed partial class HarvestLog(ILogger logger, string lease) : IProgress<HarvestEvent>
{
    public void Report(HarvestEvent value)
    {
        switch (value)
        {
            case HarvestNotice notice:
                LogNotice(logger, lease, notice.Message);
                break;
            case RecordSkipped skipped:
                LogSkipped(logger, lease, skipped.Location, skipped.Error);
                break;
            case PageHarvested page:
                LogPage(logger, lease, page.Label, page.Papers);
                break;
        }
    }

    [LoggerMessage(LogLevel.Information, "{Lease}: {Message}")]
    private static partial void LogNotice(ILogger logger, string lease, string message);

    [LoggerMessage(LogLevel.Warning, "{Lease}: skipped {Location}: {Error}")]
    private static partial void LogSkipped(ILogger logger, string lease, string location, string error);

    [LoggerMessage(LogLevel.Debug, "{Lease}: {Label} committed ({Papers} papers)")]
    private static partial void LogPage(ILogger logger, string lease, string label, int papers);
}
