using CsCheck;
using DailyPapers.Ingest;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Every registered import format, fed mutated real fixtures and random bytes: the parser reads to
/// the end without throwing, and every item is a usable record or an error with its location.
/// Formats come from <see cref="ImportFormats.All"/> and fixtures from detection, so a new format
/// is fuzzed without touching this file (and fails the first test until it has a fixture).
/// </summary>
public sealed class ParserFuzzTests
{
    public static TheoryData<string> Formats => new(ImportFormats.Names);

    private static readonly DayWindow Window = DayWindow.Today(new CatalogOptions(), TimeProvider.System);

    [Fact]
    public void EveryImportFormatHasARealFixtureWithRecordsToFuzz()
    {
        foreach (var format in ImportFormats.All)
        {
            var fixtures = FuzzFixtures.Of(format);
            Assert.True(fixtures.Count > 0, $"format '{format.Name}' has no fixture under Fixtures/ that it is detected in: add a recorded real input");
            Assert.True(fixtures.Any(f => Parse(format, f.Content, f.Name).Any(item => item.Record is not null)),
                $"format '{format.Name}': no fixture yields a record to mutate");
            Assert.NotEqual(Syntax.Unknown, InputSyntax.Of(fixtures[0].Content));
        }
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task MutatedFixturesAreReadToTheEndAsRecordsOrLocatedErrors(string formatName)
    {
        var format = ImportFormats.Named(formatName)!;
        var fixtures = FuzzFixtures.Of(format);
        var contents = fixtures.Select(f => f.Content).ToList();
        var (records, errors) = (0, 0);
        var gen = Gen.Select(Gen.Int[0, fixtures.Count - 1], Mutations.Any);

        await FuzzRun.CasesAsync($"{formatName} parser", FuzzRun.StreamOf(formatName), gen, 300, (input, _) =>
        {
            var (index, mutations) = input;
            var fixture = fixtures[index];
            var bytes = Mutations.Apply(mutations, fixture.Content, InputSyntax.Of(fixture.Content), contents);
            var items = ParseKeeping(format, bytes, fixture.Name);
            records += items.Count(i => i.Record is not null);
            errors += items.Count(i => i.Record is null);
        }, input => $"{fixtures[input.Item1].Name} with {string.Join("; ", input.Item2.Select(m => m.ToString()))}");

        TestContext.Current.TestOutputHelper?.WriteLine($"{formatName}: {300 * FuzzRun.Scale} mutated inputs from {fixtures.Count} fixtures, {records} records and {errors} errors read");
    }

    [Theory, MemberData(nameof(Formats))]
    public async Task RandomBytesAndUnicodeAreErrorsNeverExceptions(string formatName)
    {
        var format = ImportFormats.Named(formatName)!;
        // Random bytes, or hostile text, behind the format's first character so the parser gets past its first check.
        var first = FirstChar(FuzzFixtures.Of(format)[0].Content);
        var gen = Gen.Frequency(
            (1, Gen.Byte.Array[0, 4096]),
            (2, HostileValues.Text.Array[1, 8].Select(parts => ValueEncoding.Utf8(first + string.Concat(parts)))));

        await FuzzRun.CasesAsync($"{formatName} parser on random input", FuzzRun.StreamOf(formatName + "/random"), gen, 300, (bytes, _) =>
        {
            ParseKeeping(format, bytes, "random.input");
        }, bytes => $"{bytes.Length} bytes: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 64)))}");

        TestContext.Current.TestOutputHelper?.WriteLine($"{formatName}: {300 * FuzzRun.Scale} random inputs");
    }

    private static char FirstChar(byte[] content) => (char)content.AsSpan().TrimStart("\uFEFF \t\r\n"u8)[0];

    private static List<ParsedItem> Parse(ImportFormat format, byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var items = new List<ParsedItem>();
        try
        {
            items.AddRange(format.Parse(stream, fileName, new ImportOptions { Window = Window }));
        }
        catch (UnreadableInputException broken)
        {
            // The one exception a parser may raise: the input broke off (the importer keeps what was read
            // and lists the input as not read to the end). It must say where, like any error item.
            Assert.StartsWith(fileName + ":", broken.Location, StringComparison.Ordinal);
            items.Add(ParsedItem.Bad(broken.Location, broken.Message));
        }
        return items;
    }

    /// <summary>Parses and checks; on a failure the input is kept in a temp file, named in the message.</summary>
    private static List<ParsedItem> ParseKeeping(ImportFormat format, byte[] bytes, string fileName)
    {
        try
        {
            var items = Parse(format, bytes, fileName);
            ParsedItemChecks.AssertWellFormed(items, fileName, Window);
            return items;
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"input kept as {FuzzRun.Keep(fileName, bytes)}: {exception.GetType().Name}: {exception.Message}", exception);
        }
    }
}
