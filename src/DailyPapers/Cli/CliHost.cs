using DailyPapers.Accounts;
using DailyPapers.Data;
using DailyPapers.Ingest;
using DailyPapers.Mail;
using DailyPapers.Search;
using DailyPapers.Web;

namespace DailyPapers.Cli;

/// <summary>Builds the same services the site uses, without the web server, for an operator verb.</summary>
public static class CliHost
{
    public static async Task<IHost> StartAsync(string? dataDirectory, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null, bool migrate = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = dataDirectory is null ? [] : ["--data", dataDirectory],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        // Operator output goes to the console as progress; keep framework logs to warnings.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDatabase();
        builder.AddIngest();
        builder.AddHarvest();
        builder.AddSearch();
        builder.AddMail();
        // Identity's token providers seal with Data Protection: the same key ring as the site's.
        builder.AddSharedKeyRing();
        builder.AddAccountStore();
        builder.Services.AddOptions<Health.HealthOptions>().Bind(builder.Configuration.GetSection(Health.HealthOptions.Section)).ValidateDataAnnotations();
        var host = builder.Build();
        // A verb that only looks (status) leaves the schema alone, and must work while the database is down.
        if (migrate)
        {
            await host.Services.MigrateDatabaseAsync(cancellationToken);
        }
        return host;
    }
}
