using DailyPapers.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Search;

public sealed class SearchOptionsTests
{
    /// <summary>
    /// On a plain host with the search registrations: through WebApplicationFactory the start
    /// failure sometimes surfaced as the factory's own ObjectDisposedException (its deferred host
    /// races the failed app's disposal), which hid the message this test is about.
    /// </summary>
    [Theory]
    [InlineData("Search:Model", "bert-large", "Search:Model must be one of minilm, arctic")]
    [InlineData("Search:MaxTokens", "4096", "MaxTokens")]
    [InlineData("Search:Vectors:SearchBreadth", "1", "Search:Vectors:")]
    public async Task BadSearchSettingsStopTheSiteAtStartWithTheKeyName(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddSearch();
        // The index job needs the data directory and database; only the settings' check is under test.
        builder.Services.RemoveAll<IHostedService>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
