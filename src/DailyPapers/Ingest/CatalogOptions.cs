using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Ingest;

/// <summary>
/// Which days the catalog takes in: the plausible-day window every import and harvest applies to
/// feed days and arXiv dates. Bound from the <c>Catalog</c> section.
/// </summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>
    /// The earliest plausible day. arXiv opened in August 1991 (hep-th); no arXiv date or Hugging Face
    /// feed day can be older.
    /// </summary>
    public DateOnly EarliestDay { get; set; } = new(1991, 8, 1);

    /// <summary>
    /// How many days after today (UTC, from the clock) a day may be. A feed day can run ahead of UTC
    /// in the submitter's time zone, and a source's clock can be a little off; a year-9999 date cannot.
    /// </summary>
    [Range(0, 366)]
    public int DaysAhead { get; set; } = 3;
}
