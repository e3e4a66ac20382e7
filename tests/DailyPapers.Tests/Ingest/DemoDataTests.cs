using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DailyPapers.Tests.Ingest;

public sealed class DemoDataTests
{
    [Fact]
    public async Task AnEmptyCatalogGetsTheBundledPapersBeforeTheSiteServes()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite, new() { ["DemoData:Enabled"] = "true" });

        var health = await app.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        health.EnsureSuccessStatusCode();
        await app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(12215, await db.Papers.CountAsync(ct));
            Assert.Equal(12201, await db.DailyEntries.CountAsync(ct));
            // The data README says 706 days; the file holds 705 distinct hf_date values.
            Assert.Equal(705, await db.DailyEntries.Select(e => e.Day).Distinct().CountAsync(ct));
            Assert.True(await db.Papers.AnyAsync(p => p.Upvotes > 100, ct));
        });
    }

    [Fact]
    public async Task AnImportKilledPartwayIsFinishedByTheNextStart()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        var ct = TestContext.Current.CancellationToken;
        // What a node killed after its first batch leaves: some papers, and the state saying it was importing.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(
                [new PaperRecord { ArxivId = "2405.15738", Title = "Imported before the kill" }], "import:hf", ct);
        }
        await app.WithDbAsync(async db =>
        {
            db.JobCursors.Add(new DailyPapers.Data.JobCursor { Name = DemoDataImporter.StateKey, Value = "importing" });
            await db.SaveChangesAsync(ct);
        });

        var imported = await DemoDataImporter.ImportIfEmptyAsync(app.Services, DemoDataImporter.BundledFile, TimeProvider.System, NullLogger.Instance, ct);

        Assert.True(imported > 12000, $"{imported} papers written");
        Assert.Equal(12215, await app.WithDbAsync(db => db.Papers.CountAsync(ct)));
        Assert.Equal("done", await app.WithDbAsync(db => db.JobCursors.Where(c => c.Name == DemoDataImporter.StateKey).Select(c => c.Value).SingleAsync(ct)));
        // Done is done: the next start leaves the catalog alone.
        Assert.Equal(0, await DemoDataImporter.ImportIfEmptyAsync(app.Services, DemoDataImporter.BundledFile, TimeProvider.System, NullLogger.Instance, ct));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ACatalogWithPapersIsLeftAlone(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(
                [new PaperRecord { ArxivId = "2405.15738", Title = "Already here" }], "import:hf", TestContext.Current.CancellationToken);
        }

        var imported = await DemoDataImporter.ImportIfEmptyAsync(app.Services, DemoDataImporter.BundledFile, TimeProvider.System,
            NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal(0, imported);
        Assert.Equal(1, await app.WithDbAsync(db => db.Papers.CountAsync(TestContext.Current.CancellationToken)));
    }
}
