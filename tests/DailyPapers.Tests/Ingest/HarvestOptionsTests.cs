using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Ingest;

public sealed class HarvestOptionsTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task DefaultsPointAtArxivAndHuggingFaceAndArePolite(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var options = app.Services.GetRequiredService<IOptions<HarvestOptions>>().Value;

        Assert.Equal("https://export.arxiv.org/oai2", options.OaiBaseUrl);
        Assert.Equal("https://huggingface.co", options.HfBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), options.PolitenessDelay);
        Assert.Equal("arXivRaw", options.MetadataFormat);
    }

    [Fact]
    public async Task ABadSettingStopsTheAppAtStartWithTheKeyName()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartupChecks.StartAsync(new()
        {
            ["Harvest:OaiBaseUrl"] = "export.arxiv.org/oai2",
            ["Harvest:MetadataFormat"] = "oai_dc",
        }, builder => builder.AddHarvest()));

        Assert.Contains("Harvest:OaiBaseUrl must be an absolute http(s) URL, not 'export.arxiv.org/oai2'.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Harvest:MetadataFormat must be arXiv or arXivRaw.", error.Message, StringComparison.Ordinal);
    }
}
