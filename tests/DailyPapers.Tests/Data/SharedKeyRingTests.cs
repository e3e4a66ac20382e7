using DailyPapers.Data;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DailyPapers.Tests.Data;

/// <summary>The Data Protection key ring that every node shares through the database.</summary>
public sealed class SharedKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TwoNodesMigratingAFreshDatabaseTogetherLeaveOneActiveKeyThatBothUse(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        await using var otherDisk = database.AnotherNode();
        using var first = BuildNode(database);
        using var second = BuildNode(otherDisk);

        await Task.WhenAll(
            Task.Run(() => first.Services.MigrateDatabaseAsync(Ct), Ct),
            Task.Run(() => second.Services.MigrateDatabaseAsync(Ct), Ct));

        // The key exists before anything is protected: neither node is left to make its own on first use.
        Assert.Equal(1, await CountKeysAsync(first));
        var protectors = new[] { first, second }
            .Select(node => node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key-ring-test")).ToArray();
        Assert.Equal("from the first", protectors[1].Unprotect(protectors[0].Protect("from the first")));
        Assert.Equal("from the second", protectors[0].Unprotect(protectors[1].Protect("from the second")));
        Assert.Equal(1, await CountKeysAsync(second));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARestartedNodeKeepsTheKeyItFinds(Lane lane)
    {
        await using var database = await TestDatabase.CreateAsync(lane);
        using (var node = BuildNode(database))
        {
            await node.Services.MigrateDatabaseAsync(Ct);
        }
        using var restarted = BuildNode(database);
        await restarted.Services.MigrateDatabaseAsync(Ct);
        Assert.Equal(1, await CountKeysAsync(restarted));
    }

    /// <summary>The database and the key ring as the app registers them, without its background services.</summary>
    private static IHost BuildNode(TestDatabase database)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(database.Settings());
        builder.AddDatabase();
        builder.AddSharedKeyRing();
        // Data Protection's own hosted service loads the ring at start, creating a key if it finds
        // none; removed so that only the migration step can have made the key counted here.
        builder.Services.RemoveAll<IHostedService>();
        return builder.Build();
    }

    private static async Task<int> CountKeysAsync(IHost node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync(Ct);
    }
}
