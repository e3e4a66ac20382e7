using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// Starts a plain host with some of the app's registrations and the given settings, for tests of
/// the settings checks that stop the app at start. Through WebApplicationFactory such a failed
/// start sometimes surfaced as the factory's own ObjectDisposedException (its deferred host races
/// the failed app's disposal), which hid the message under test.
/// </summary>
internal static class StartupChecks
{
    public static async Task StartAsync(Dictionary<string, string?> settings, Action<IHostApplicationBuilder> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        // Background jobs need the data directory and database; only the settings' checks are under test.
        builder.Services.RemoveAll<IHostedService>();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
    }
}
