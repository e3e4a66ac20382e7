using System.Net;
using DailyPapers.Papers;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

public static class HarvestSetup
{
    /// <summary>Registers the harvesters (arXiv OAI-PMH, Hugging Face), their HTTP client and their schedule. Needs <c>AddIngest</c>'s catalog writer.</summary>
    public static IHostApplicationBuilder AddHarvest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HarvestOptions>()
            .Bind(builder.Configuration.GetSection(HarvestOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient<HarvestClient>((services, http) =>
            {
                var options = services.GetRequiredService<IOptions<HarvestOptions>>().Value;
                http.Timeout = options.RequestTimeout;
                // A page is a few MB; anything far larger is not a page.
                http.MaxResponseContentBufferSize = 256L * 1024 * 1024;
                http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent(options.Contact));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        // The client logs every request at Information; the harvest reports its own progress.
        builder.Logging.AddFilter("System.Net.Http.HttpClient." + nameof(HarvestClient), LogLevel.Warning);
        builder.Services.AddScoped<ArxivHarvester>();
        builder.Services.AddScoped<HfHarvester>();
        // Runs only where the host is started (the site); the CLI builds its host without starting jobs.
        builder.Services.AddSingleton<HarvestScheduleJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HarvestScheduleJob>());
        return builder;
    }

    /// <summary><c>DailyPapers/1.0.0 (+contact)</c>: who is fetching, and how to reach them.</summary>
    public static string UserAgent(string? contact)
    {
        var version = typeof(HarvestSetup).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        // Collapsed to one line: a header value must not carry line breaks.
        var reach = SafeText.Clean(contact);
        return reach is null
            ? $"DailyPapers/{version} (self-hosted research paper catalog)"
            : $"DailyPapers/{version} (+{reach})";
    }
}
