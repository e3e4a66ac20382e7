using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Ingest;

/// <summary>
/// The site's own harvests (<c>Harvest:Schedule</c>), off by default: a fresh install shows the demo
/// catalog and fetches nothing from arXiv or Hugging Face until its operator says so. When on, one
/// node at a time harvests each source, under its lease, from the stored cursor.
/// </summary>
public sealed class HarvestScheduleOptions : IValidatableObject
{
    /// <summary>arXiv OAI-PMH; see <see cref="HarvestSchedule"/> for the forms.</summary>
    public string Arxiv { get; set; } = "off";

    /// <summary>The OAI-PMH set the schedule harvests (<c>cs</c>, <c>physics:hep-th</c>); null is all of arXiv.</summary>
    public string? ArxivSet { get; set; }

    /// <summary>Hugging Face's daily papers: yesterday and today (UTC), or from the last day harvested when further back.</summary>
    public string Hf { get; set; } = "off";

    /// <summary>
    /// How long a node that died while harvesting keeps the others from taking over; renewed every
    /// third of it while a harvest runs, however long that takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each node looks whether a harvest is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public HarvestSchedule ArxivSchedule => Read(Arxiv, "Arxiv");

    public HarvestSchedule HfSchedule => Read(Hf, "Hf");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (text, name) in new[] { (Arxiv, nameof(Arxiv)), (Hf, nameof(Hf)) })
        {
            if (!HarvestSchedule.TryParse(text, Key(name), out _, out var error))
            {
                yield return new ValidationResult(error, [name]);
            }
        }
    }

    private static string Key(string name) => $"{HarvestOptions.Section}:Schedule:{name}";

    private static HarvestSchedule Read(string text, string name) =>
        HarvestSchedule.TryParse(text, Key(name), out var schedule, out var error) ? schedule : throw new InvalidOperationException(error);
}
