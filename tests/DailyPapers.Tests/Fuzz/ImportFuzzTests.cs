using System.Globalization;
using CsCheck;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Files of real good records with hostile records mixed in, imported through <see cref="CatalogImporter"/>
/// into a real catalog: the import completes, the summary adds up, every good record is stored
/// exactly as it is when imported alone, and every hostile one is stored or reported. Formats and
/// their records are discovered (see <see cref="RecordLayouts"/>), so a new format is covered.
/// </summary>
public sealed class ImportFuzzTests
{
    public static TheoryData<string> Formats => new(ImportFormats.Names);

    /// <summary>Every format on both databases: PostgreSQL enforces column sizes and rejects text SQLite takes.</summary>
    public static TheoryData<string, Lane> FormatsAndLanes
    {
        get
        {
            var data = new TheoryData<string, Lane>();
            foreach (var name in ImportFormats.Names)
            {
                data.Add(name, Lane.Sqlite);
                data.Add(name, Lane.Postgres);
            }
            return data;
        }
    }

    private const int Cases = 12;

    [Theory, MemberData(nameof(FormatsAndLanes))]
    public async Task GoodRecordsSurviveHostileNeighboursAndTheSummaryAddsUp(string formatName, Lane lane)
    {
        var format = ImportFormats.Named(formatName)!;
        await using var app = await AppFactory.CreateAsync(lane);
        var rig = new ImportRig(app, format);
        var (records, hostile, reported) = (0, 0, 0);

        await FuzzRun.CasesAsync($"{formatName} import", FuzzRun.StreamOf(formatName + "/import"), rig.Cases(goodCount: Gen.Int[1, 10], hostileCount: Gen.Int[1, 6]), Cases,
            async (plan, i) =>
            {
                var outcome = await rig.RunAsync(plan, i);
                records += outcome.Items;
                hostile += plan.Hostile.Length;
                reported += outcome.Reported;
            }, plan => plan.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{formatName} on {lane}: {Cases * FuzzRun.Scale} mixed files from {rig.Layouts.Count} fixtures, {records} records read, {hostile} hostile records of which {reported} reported");
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task StoredTextHasNoNoncharactersLoneSurrogatesOrControlCharacters(string formatName)
    {
        var format = ImportFormats.Named(formatName)!;
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        var rig = new ImportRig(app, format);

        await FuzzRun.CasesAsync($"{formatName} stored text", FuzzRun.StreamOf(formatName + "/text"), rig.Cases(goodCount: Gen.Int[0, 2], hostileCount: Gen.Int[4, 12]), Cases,
            async (plan, i) =>
            {
                await rig.RunAsync(plan, i);
                var problems = await app.WithDbAsync(db => StoredText.ProblemsAsync(db));
                Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            }, plan => plan.ToString());
    }
}

/// <summary>One file to import: which fixture's framing, which of its good records, and the mutations that make each hostile one.</summary>
public sealed record ImportPlan(RecordLayout Layout, int[] Good, (int Template, Mutation[] Mutations, uint Position)[] Hostile)
{
    public override string ToString() =>
        $"{Layout.Fixture.Name}: good records {string.Join(",", Good)}; hostile " +
        string.Join(" | ", Hostile.Select(h => $"#{h.Template} at {h.Position}: {string.Join("; ", h.Mutations.Select(m => m.ToString()))}"));
}

/// <summary>What one mixed import read and reported.</summary>
public sealed record ImportOutcome(int Items, int Reported);

internal sealed class ImportRig
{
    private readonly AppFactory _app;
    private readonly ImportFormat _format;
    private readonly DayWindow _window;
    private readonly Dictionary<RecordLayout, List<RecordTemplate>> _templates;
    private int _nextId;

    public ImportRig(AppFactory app, ImportFormat format)
    {
        _app = app;
        _format = format;
        _window = DayWindow.Today(app.Services.GetRequiredService<IOptions<CatalogOptions>>(), app.Services.GetRequiredService<TimeProvider>());
        _templates = FuzzFixtures.Of(format)
            .Select(RecordLayouts.Split).OfType<RecordLayout>()
            .Select(layout => (layout, templates: RecordTemplates.Usable(layout, _window)))
            .Where(pair => pair.templates.Count > 0)
            .ToDictionary(pair => pair.layout, pair => pair.templates);
        Assert.True(_templates.Count > 0, $"format '{format.Name}': no fixture could be cut into records that import alone (see RecordLayouts)");
    }

    public IReadOnlyCollection<RecordLayout> Layouts => _templates.Keys;

    public Gen<ImportPlan> Cases(Gen<int> goodCount, Gen<int> hostileCount)
    {
        var layouts = _templates.Keys.ToList();
        return Gen.Int[0, layouts.Count - 1].SelectMany(index =>
        {
            var layout = layouts[index];
            var pick = Gen.Int[0, _templates[layout].Count - 1];
            var hostile = Gen.Select(pick, Mutations.KeepingStructure(layout.Syntax), Gen.UInt, (t, m, p) => (t, m, p));
            return Gen.Select(goodCount.SelectMany(n => pick.Array[n]), hostileCount.SelectMany(n => hostile.Array[n]),
                (good, bad) => new ImportPlan(layout, good, bad));
        });
    }

    /// <summary>
    /// Imports the good records alone under one set of ids, then the mixed file with the same good
    /// records under another, and checks the mixed import against the clean one.
    /// </summary>
    public async Task<ImportOutcome> RunAsync(ImportPlan plan, int caseNumber)
    {
        var templates = _templates[plan.Layout];
        var referenceIds = plan.Good.Select(_ => NewId("2401")).ToList();
        var goodIds = plan.Good.Select(_ => NewId("2402")).ToList();
        var directory = Path.Combine(_app.DataDirectory, "fuzz", caseNumber.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var fileName = plan.Layout.Fixture.Name;

        // Ids a hostile record of an earlier case happened to turn into are not fresh: leave them out.
        var taken = (await _app.WithDbAsync(db => CatalogSnapshot.ReadAsync(db, [.. referenceIds, .. goodIds]))).Keys.ToHashSet();

        var clean = plan.Layout.Join(plan.Good.Select((t, i) => templates[t].WithId(referenceIds[i])));
        var (cleanProgress, _) = await ImportAsync(Path.Combine(directory, "clean"), fileName, clean);
        Assert.Equal((plan.Good.Length, 0L), (cleanProgress.Read, cleanProgress.Skipped));

        var records = plan.Good.Select((t, i) => templates[t].WithId(goodIds[i])).ToList();
        foreach (var (template, mutations, position) in plan.Hostile)
        {
            var record = Mutations.Apply(mutations, templates[template].WithId(NewId("2403")), plan.Layout.Syntax, []);
            records.Insert((int)(position % (uint)(records.Count + 1)), record);
        }
        var mixed = plan.Layout.Join(records);
        var (progress, problems) = await ImportAsync(Path.Combine(directory, "mixed"), fileName, mixed);
        var items = RecordTemplates.Parse(_format, mixed, fileName, _window);
        try
        {
            await CheckAsync(plan, progress, problems, items, referenceIds, goodIds, taken);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"mixed input kept as {FuzzRun.Keep(fileName, mixed)}: {exception.Message}", exception);
        }
        return new ImportOutcome(items.Count, (int)progress.Skipped);
    }

    private async Task CheckAsync(ImportPlan plan, ImportProgress progress, List<string> problems, List<ParsedItem> items,
        List<string> referenceIds, List<string> goodIds, HashSet<string> taken)
    {
        if (plan.Good.Length > 0)
        {
            // Without a good record, "no record could be read" is the right answer for an all-hostile file.
            Assert.Empty(progress.Failures);
        }
        // The summary adds up, and agrees with what the parser reads from the same file: every
        // skipped record and every cut one is reported, in order.
        Assert.Equal(progress.Read, progress.Written.Records + progress.Skipped);
        Assert.Equal(items.Count, progress.Read);
        Assert.Equal(items.Count(i => i.Record is null), progress.Skipped);
        Assert.Equal(items.SelectMany(i => i.Record is null ? [$"{i.Location}: {i.Error}"] : (i.Notes ?? []).Select(note => $"{i.Location}: kept, {note}")), problems);
        if (plan.Layout.Syntax != Syntax.JsonLines)
        {
            // Structure-keeping changes leave each hostile record one record: stored or reported, never lost.
            Assert.Equal(plan.Good.Length + plan.Hostile.Length, items.Count);
        }

        var named = items.Where(i => i.Record is not null).GroupBy(i => i.Record!.ArxivId).ToDictionary(g => g.Key, g => g.Count());
        var stored = await _app.WithDbAsync(db => CatalogSnapshot.ReadAsync(db, [.. named.Keys, .. referenceIds]));
        Assert.All(named.Keys, id => Assert.True(stored.ContainsKey(id), $"{id} was read but not stored"));
        for (var i = 0; i < goodIds.Count; i++)
        {
            Assert.True(named.ContainsKey(goodIds[i]), $"good record {i} ({goodIds[i]}) was not read from the mixed file");
            // A hostile record may legitimately name the same paper (a flipped digit); then it merged into it.
            if (named[goodIds[i]] == 1 && !taken.Contains(goodIds[i]) && !taken.Contains(referenceIds[i]))
            {
                Assert.Equal(stored[referenceIds[i]], stored[goodIds[i]]);
            }
        }
    }

    private async Task<(ImportProgress Progress, List<string> Problems)> ImportAsync(string directory, string fileName, byte[] content)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);
        var problems = new List<string>();
        // Failures (a file that yields nothing) are kept apart from the per-record problems; see progress.Failures.
        var progress = new ImportProgress { Problem = problems.Add, Failure = _ => { } };
        await using var scope = _app.Services.CreateAsyncScope();
        // Small batches, so merges and updates across batch boundaries are exercised too.
        var importer = new CatalogImporter(scope.ServiceProvider.GetRequiredService<CatalogWriter>()) { BatchSize = 3 };
        await importer.ImportAsync(path, fileName, _format, new ImportOptions { Window = _window }, progress, TestContext.Current.CancellationToken);
        return (progress, problems);
    }

    private string NewId(string month) => string.Create(CultureInfo.InvariantCulture, $"{month}.{10000 + _nextId++:D5}");
}
