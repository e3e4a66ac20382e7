using DailyPapers.Cli;
using Microsoft.Extensions.Configuration;

namespace DailyPapers.Tests.Cli;

public sealed class ConfigCommandTests
{
    [Fact]
    public void EverySettingIsListedWithItsEffectiveValueAndSecretsAreMasked()
    {
        var data = Directory.CreateTempSubdirectory("dailypapers-config-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["data"] = data,
            ["Database:ConnectionString"] = "Host=db;Username=app;Password=hunter2;Database=papers",
            ["Site:BaseUrl"] = "https://papers.example.org",
            ["Harvest:OaiBaseUrl"] = "https://reader:s3cret@mirror.example.org/oai2",
            ["Catalog:DaysAhead"] = "5",
            ["Mail:Smtp:Password"] = "smtp-pass",
        }).Build();

        var lines = ConfigCommand.Lines(configuration).ToList();

        Assert.Equal("data directory = " + data, lines[0]);
        Assert.Contains("Database:ConnectionString = Host=db;Username=app;Password=***;Database=papers", lines);
        Assert.Contains("Harvest:OaiBaseUrl = https://reader:***@mirror.example.org/oai2", lines);
        Assert.Contains("Site:BaseUrl = https://papers.example.org", lines);
        // Defaults are shown too: the value this node would use.
        Assert.Contains("Catalog:EarliestDay = 1991-08-01", lines);
        Assert.Contains("Catalog:DaysAhead = 5", lines);
        Assert.Contains("Search:MaxTokens = 256", lines);
        Assert.Contains("Search:Vectors:Connectivity = 16", lines);
        Assert.Contains("Mail:Smtp:Password = ***", lines);
        Assert.Contains("Mail:Smtp:User = (unset)", lines);
        Assert.DoesNotContain(lines, line => line.Contains("hunter2", StringComparison.Ordinal) || line.Contains("s3cret", StringComparison.Ordinal) || line.Contains("smtp-pass", StringComparison.Ordinal));
        Directory.Delete(data);
    }
}
