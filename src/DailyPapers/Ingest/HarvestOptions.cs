using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Ingest;

/// <summary>Where and how politely the harvesters fetch. Bound from the <c>Harvest</c> section.</summary>
public sealed class HarvestOptions : IValidatableObject
{
    public const string Section = "Harvest";

    /// <summary>arXiv's OAI-PMH endpoint.</summary>
    [Required, AbsoluteHttpUrl]
    public string OaiBaseUrl { get; set; } = "https://export.arxiv.org/oai2";

    /// <summary>The arXiv API (Atom), asked for single papers that members submit.</summary>
    [Required, AbsoluteHttpUrl]
    public string ArxivApiUrl { get; set; } = "https://export.arxiv.org/api/query";

    /// <summary>Hugging Face, for <c>/api/daily_papers</c>.</summary>
    [Required, AbsoluteHttpUrl]
    public string HfBaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>
    /// Least time between two requests to the same site. arXiv asks automated clients for no more
    /// than one request every three seconds and throttles (HTTP 503) those that go faster.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan PolitenessDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of one request after a throttling answer (503, 429) or a transient failure.</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The wait before a retry when the server did not say (no <c>Retry-After</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one stops the harvest with a message instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time for one whole response; an OAI-PMH page of 1000 records is a few megabytes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An e-mail address or URL that the sites can reach the operator at; sent in the User-Agent,
    /// as arXiv asks of harvesters.
    /// </summary>
    public string? Contact { get; set; }

    /// <summary>OAI-PMH metadata format when <c>--format</c> is not given: <c>arXivRaw</c> carries versions and exact times.</summary>
    [RegularExpression("^(arXiv|arXivRaw)$", ErrorMessage = "Harvest:MetadataFormat must be arXiv or arXivRaw.")]
    public string MetadataFormat { get; set; } = "arXivRaw";

    /// <summary>When the site harvests by itself (off by default).</summary>
    public HarvestScheduleOptions Schedule { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not descend into nested options by themselves.
        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(Schedule, new ValidationContext(Schedule), nested, validateAllProperties: true);
        return nested.Select(problem => problem.ErrorMessage?.StartsWith(Section, StringComparison.Ordinal) == true
            ? problem
            : new ValidationResult($"{Section}:Schedule: {problem.ErrorMessage}", problem.MemberNames));
    }
}

/// <summary>An absolute http or https URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || (Uri.TryCreate(value as string, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidationResult.Success
            : new ValidationResult($"{HarvestOptions.Section}:{validationContext.MemberName} must be an absolute http(s) URL, not '{value}'.");
}
