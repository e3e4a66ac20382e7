using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Search;

public sealed class SearchOptionsTests
{
    [Theory]
    [InlineData("Search:Model", "bert-large", "Search:Model must be one of minilm, arctic")]
    [InlineData("Search:MaxTokens", "4096", "MaxTokens")]
    [InlineData("Search:Vectors:SearchBreadth", "1", "Search:Vectors:")]
    public async Task BadSearchSettingsStopTheSiteAtStartWithTheKeyName(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartupChecks.StartAsync(new() { [key] = value }, builder => builder.AddSearch()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
