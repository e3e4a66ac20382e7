using DailyPapers.Data;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Data;

public sealed class MigrationsTests
{
    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task BothMigrationSetsApplyAndMatchTheModel(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        await app.WithDbAsync(async db =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for " + lane);
            Assert.Equal(lane == Lane.Postgres, db is PostgresAppDbContext);
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task HealthEndpointAnswersOnceTheSiteServes(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var response = await app.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
    }
}
