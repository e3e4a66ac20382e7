namespace DailyPapers.Ingest;

public static class IngestSetup
{
    /// <summary>Registers the catalog writer, the file importer and the first-run demo data import.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .Bind(builder.Configuration.GetSection(CatalogOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<CatalogWriter>();
        builder.Services.AddScoped<CatalogImporter>();
        builder.Services.AddOptions<DemoDataOptions>().Bind(builder.Configuration.GetSection(DemoDataOptions.Section));
        builder.Services.AddHostedService<DemoDataImporter>();
        return builder;
    }
}
