using System.Globalization;
using CsCheck;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// The harvesters read the same parsers over HTTP: mutated recorded responses, replayed, must end a
/// harvest normally or as a <see cref="HarvestException"/> (the error a scheduled job reports and
/// retries), never with any other exception, and what a day's page held is accounted for.
/// </summary>
public sealed class HarvestFuzzTests
{
    private const int Cases = 40;

    [Fact]
    public async Task MutatedDailyPapersPagesAreHarvestedOrRefusedAndEveryEntryIsCounted()
    {
        var format = ImportFormats.Named("hf-api")!;
        var fixtures = FuzzFixtures.Of(format);
        var contents = fixtures.Select(f => f.Content).ToList();
        await using var rig = await HarvestRig.StartAsync(Lane.Sqlite);
        var window = DayWindow.Today(rig.App.Services.GetRequiredService<IOptions<CatalogOptions>>(), rig.App.Services.GetRequiredService<TimeProvider>());
        var refused = 0;

        await FuzzRun.CasesAsync("hf harvest", FuzzRun.StreamOf("harvest/hf"), Gen.Select(Gen.Int[0, fixtures.Count - 1], Mutations.Any), Cases, async (input, i) =>
        {
            var day = new DateOnly(2024, 6, 1).AddDays(i);
            var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var body = Mutations.Apply(input.Item2, fixtures[input.Item1].Content, Syntax.Json, contents);
            rig.Server.On("/api/daily_papers", "date=" + text).Respond(200, body, "application/json");
            try
            {
                var result = await rig.HarvestHfAsync(day, day);
                using var stream = new MemoryStream(body);
                // What the harvester reads a page with: a page that breaks off ends in an error item, not an exception.
                var items = HfApiParser.ReadResponse(stream, "page", new ImportOptions(day) { Window = window });
                Assert.Equal(items.Where(item => item.Record is not null).Select(item => item.Record!.ArxivId).Distinct().Count(), result.Papers);
                Assert.Equal(items.Count(item => item.Record is null), result.Skipped);
                Assert.Equal(result.Papers, result.Written.Records);
            }
            catch (HarvestException)
            {
                refused++;
            }
        }, input => $"{fixtures[input.Item1].Name} with {string.Join("; ", input.Item2.Select(m => m.ToString()))}");

        TestContext.Current.TestOutputHelper?.WriteLine($"hf harvest: {Cases * FuzzRun.Scale} mutated pages, {refused} refused as harvest errors");
    }

    [Fact]
    public async Task MutatedOaiPagesAreHarvestedOrRefusedAsHarvestErrors()
    {
        var format = ImportFormats.Named("oai")!;
        var fixtures = FuzzFixtures.Of(format);
        var contents = fixtures.Select(f => f.Content).ToList();
        await using var rig = await HarvestRig.StartAsync(Lane.Sqlite);
        // A resumption token in a mutated page leads to the end of the list, so the page itself decides the outcome.
        rig.Server.On("/oai2").Respond(200, """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-03-02T00:00:00Z</responseDate><ListRecords><resumptionToken/></ListRecords></OAI-PMH>
            """, "text/xml; charset=utf-8");
        var (harvested, refused) = (0, 0);
        var reasons = new Dictionary<string, int>();

        await FuzzRun.CasesAsync("oai harvest", FuzzRun.StreamOf("harvest/oai"), Gen.Select(Gen.Int[0, fixtures.Count - 1], Mutations.Any), Cases, async (input, i) =>
        {
            var day = new DateOnly(2024, 3, 1).AddDays(i);
            var body = Mutations.Apply(input.Item2, fixtures[input.Item1].Content, Syntax.Xml, contents);
            rig.Server.On("/oai2", "verb=ListRecords&metadataPrefix=arXivRaw&from=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Respond(200, body, "text/xml; charset=utf-8");
            try
            {
                var result = await rig.HarvestArxivAsync(new ArxivHarvestRequest(From: day, Until: day));
                Assert.Equal(result.Papers, result.Written.Records);
                harvested++;
            }
            catch (HarvestException exception)
            {
                // A protocol error (the recorded error responses) or a page that is not OAI-PMH any more.
                refused++;
                var reason = exception.Message.Split(':')[0];
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }, input => $"{fixtures[input.Item1].Name} with {string.Join("; ", input.Item2.Select(m => m.ToString()))}");

        TestContext.Current.TestOutputHelper?.WriteLine($"oai harvest: {Cases * FuzzRun.Scale} mutated pages, {harvested} harvested, {refused} refused as harvest errors ({string.Join(", ", reasons.Select(r => $"{r.Key}: {r.Value}"))})");
    }
}
