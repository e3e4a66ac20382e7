using DailyPapers.Data;
using DailyPapers.Ingest;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Ingest;

public sealed class CatalogWriterTests
{
    private static PaperRecord Paper(string id, string title = "A title", int? version = null, params string[] authors) => new()
    {
        ArxivId = id,
        Title = title,
        Version = version,
        Authors = authors.Length > 0 ? authors : null,
        Abstract = "An abstract.",
        Categories = ["cs.CL", "cs.AI"],
        PublishedAt = new DateTime(2025, 3, 18, 0, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<WriteResult> WriteAsync(AppFactory app, params PaperRecord[] batch)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync(batch, "import:hf", TestContext.Current.CancellationToken);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task PapersAreStoredWithOrderedAuthorsSharingOneRowPerName(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var result = await WriteAsync(app,
            Paper("2503.00001", "First", 1, "Ada Lovelace", "Alan Turing", "Grace Hopper"),
            Paper("2503.00002", "Second", null, "Grace Hopper", "Ada Lovelace"));

        Assert.Equal(new WriteResult(2, 0, 0, 0), result);
        await app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(3, await db.Authors.CountAsync(ct));
            var second = await db.Papers.Where(p => p.ArxivId == "2503.00002")
                .Select(p => new { p.Title, p.Categories, p.PrimaryCategory, p.Version, p.ChangeSeq, Names = p.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList() })
                .SingleAsync(ct);
            Assert.Equal(["Grace Hopper", "Ada Lovelace"], second.Names);
            Assert.Empty(await CatalogDump.ForeignKeyViolationsAsync(db));
            Assert.Equal(("cs.CL cs.AI", "cs.CL", 0), (second.Categories, second.PrimaryCategory, second.Version));
            Assert.Equal(await CatalogDump.ChangeCounterAsync(db), second.ChangeSeq);
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task WritingTheSameBatchAgainChangesNothingAtAll(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        PaperRecord[] batch =
        [
            Paper("2503.00001", "First", 2, "Ada Lovelace"),
            Paper("2503.00002", "Second", null, "Alan Turing") with { FeaturedOn = new DateOnly(2025, 3, 19), Upvotes = 12, SubmittedBy = "akhaliq" },
        ];
        await WriteAsync(app, batch);
        var before = await app.WithDbAsync(db => CatalogDump.ReadAsync(db, withTimes: true));

        var again = await WriteAsync(app, batch);

        Assert.Equal(new WriteResult(0, 0, 2, 0), again);
        Assert.Equal(before, await app.WithDbAsync(db => CatalogDump.ReadAsync(db, withTimes: true)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ANewerVersionUpdatesThePaperUnderANewChangeSequence(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await WriteAsync(app, Paper("2503.00001", "Old title", 1, "Ada Lovelace", "Alan Turing"), Paper("2503.00002", "Other", 1));

        var result = await WriteAsync(app,
            Paper("2503.00001", "New title", 2, "Alan Turing", "Grace Hopper"),
            Paper("2503.00002", "Ignored title", 1) with { Comments = "12 pages" },
            Paper("2503.00003", "Third", 1));

        Assert.Equal(new WriteResult(1, 2, 0, 0), result);
        await app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var papers = await db.Papers.OrderBy(p => p.ArxivId)
                .Select(p => new { p.Title, p.Version, p.Comments, p.ChangeSeq, Names = p.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList() })
                .ToListAsync(ct);
            Assert.Equal(("New title", 2), (papers[0].Title, papers[0].Version));
            Assert.Equal(["Alan Turing", "Grace Hopper"], papers[0].Names);
            Assert.Equal(("Other", "12 pages"), (papers[1].Title, papers[1].Comments));
            Assert.Equal(2, await CatalogDump.ChangeCounterAsync(db));
            Assert.All(papers, p => Assert.Equal(2, p.ChangeSeq));
            Assert.Empty(await CatalogDump.ForeignKeyViolationsAsync(db));
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AHuggingFaceRecordAddsItsDayAndUpvotesToTheArxivPaper(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await WriteAsync(app, Paper("2503.00001", "Paper", null, "Ada Lovelace"));
        var submitted = new DateTime(2025, 3, 19, 7, 45, 12, 345, DateTimeKind.Utc);
        var hf = Paper("2503.00001", "Paper (HF)") with
        {
            FeaturedOn = new DateOnly(2025, 3, 19),
            SubmittedOnDailyAt = submitted,
            SubmittedBy = "akhaliq",
            Upvotes = 42,
            NumComments = 3,
            CodeUrl = "https://github.com/a/b",
        };

        var first = await WriteAsync(app, hf);
        var lower = await WriteAsync(app, hf with { Upvotes = 5, SubmittedBy = "someone-else" });
        var nextDay = await WriteAsync(app, hf with { FeaturedOn = new DateOnly(2025, 3, 20), SubmittedOnDailyAt = null, SubmittedBy = null });

        Assert.Equal(new WriteResult(0, 1, 0, 1), first);
        Assert.Equal(new WriteResult(0, 0, 1, 0), lower);
        Assert.Equal(new WriteResult(0, 1, 0, 1), nextDay);
        await app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var paper = await db.Papers.SingleAsync(ct);
            Assert.Equal(("Paper", 42, 3, "https://github.com/a/b"), (paper.Title, paper.Upvotes, paper.NumComments, paper.CodeUrl));
            var entries = await db.DailyEntries.OrderBy(e => e.Day).ToListAsync(ct);
            Assert.Equal(2, entries.Count);
            Assert.Equal((new DateOnly(2025, 3, 19), submitted, "akhaliq", "import:hf"),
                (entries[0].Day, DateTime.SpecifyKind(entries[0].SubmittedAt, DateTimeKind.Utc), entries[0].SubmittedBy, entries[0].Source));
            Assert.Equal((new DateTime(2025, 3, 20, 0, 0, 0), (string?)null), (entries[1].SubmittedAt, entries[1].SubmittedBy));
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ADayWithoutSubmitterGetsItFromALaterRecord(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        var day = new DateOnly(2025, 3, 19);
        await WriteAsync(app, Paper("2503.00001") with { FeaturedOn = day });

        var filled = await WriteAsync(app, Paper("2503.00001") with { FeaturedOn = day, SubmittedBy = "akhaliq" });

        Assert.Equal(new WriteResult(0, 1, 0, 0), filled);
        Assert.Equal("akhaliq", await app.WithDbAsync(db => db.DailyEntries.Select(e => e.SubmittedBy).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task APaperNamedTwiceInOneBatchIsOnePaperWithBothDaysAndOneMergedDuplicate(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);

        var result = await WriteAsync(app,
            Paper("2503.00001", "Paper", null, "Ada Lovelace") with { FeaturedOn = new DateOnly(2025, 3, 19), Upvotes = 3 },
            Paper("2503.00001", "Paper", null, "Ada Lovelace") with { FeaturedOn = new DateOnly(2025, 3, 21), Upvotes = 9 });

        Assert.Equal(new WriteResult(1, 0, 0, 2) { MergedDuplicates = 1 }, result);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(9, await db.Papers.Select(p => p.Upvotes).SingleAsync(TestContext.Current.CancellationToken));
            Assert.Equal(2, await db.DailyEntries.CountAsync(TestContext.Current.CancellationToken));
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ValuesLongerThanTheirColumnsAreClipped(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        // A real arXiv-corpus record glues 30 names into one 512-character "author".
        var glued = string.Concat(Enumerable.Repeat("Xiangyu Kongand ", 40));

        await WriteAsync(app, Paper("2506.02197", new string('T', 1200), null, glued, "Li Pang") with { SubmittedBy = null });

        await app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(1000, (await db.Papers.SingleAsync(ct)).Title.Length);
            Assert.Equal(500, await db.Authors.MaxAsync(a => a.Name.Length, ct));
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task TextInAnyScriptAndTimesReadBackExactlyAsWritten(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        // Longer than the writer's first encoding buffer, with multi-byte characters and a surrogate pair.
        var longAbstract = string.Concat(Enumerable.Repeat("Schrödinger équations über ℝⁿ, 量子 🐈 — naïve. ", 200));
        var published = new DateTime(2025, 3, 18, 13, 45, 7, 123, DateTimeKind.Utc);

        await WriteAsync(app, Paper("2503.00001", "Ψ-Net: 深度学习 für Æsthetik 🚀", null, "Jürgen Müller", "Zoë Ångström", "李雷")
            with
        { Abstract = longAbstract, PublishedAt = published, FeaturedOn = new DateOnly(2025, 3, 19), Comments = "" });

        await app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var paper = await db.Papers.Where(p => p.ArxivId == "2503.00001")
                .Select(p => new { p.Title, p.Abstract, p.PublishedAt, Names = p.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList() })
                .SingleAsync(ct);
            Assert.Equal("Ψ-Net: 深度学习 für Æsthetik 🚀", paper.Title);
            Assert.Equal(longAbstract, paper.Abstract);
            Assert.Equal(published, paper.PublishedAt);
            Assert.Equal(["Jürgen Müller", "Zoë Ångström", "李雷"], paper.Names);
            Assert.Equal(new DateOnly(2025, 3, 19), await db.DailyEntries.Select(d => d.Day).SingleAsync(ct));
            Assert.Equal(1, await db.Authors.CountAsync(a => a.Name == "Zoë Ångström", ct));
        });
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AuthorsKnownFromEarlierBatchesAreReused(Lane lane)
    {
        await using var app = await AppFactory.CreateAsync(lane);
        await WriteAsync(app, Paper("2503.00001", "One", null, "Ada Lovelace", "Alan Turing"));

        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<CatalogWriter>();
        var ct = TestContext.Current.CancellationToken;
        await writer.WriteAsync([Paper("2503.00002", "Two", null, "Alan Turing", "Grace Hopper")], "import:hf", ct);
        await writer.WriteAsync([Paper("2503.00003", "Three", null, "Grace Hopper", "Ada Lovelace")], "import:hf", ct);

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(3, await db.Authors.CountAsync(ct));
            Assert.Equal(6, await db.PaperAuthors.CountAsync(ct));
            Assert.Empty(await CatalogDump.ForeignKeyViolationsAsync(db));
        });
    }

    [Fact]
    public async Task ForeignKeysAreEnforcedAgainOnceTheWriterIsDone()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ct = TestContext.Current.CancellationToken;
        await scope.ServiceProvider.GetRequiredService<CatalogWriter>().WriteAsync([Paper("2503.00001", "One", null, "Ada Lovelace")], "import:hf", ct);

        // Same scope, same context: what EF does next must see cascades and checks as usual.
        await db.Database.OpenConnectionAsync(ct);
        await using var pragma = db.Database.GetDbConnection().CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, await pragma.ExecuteScalarAsync(ct));
        await db.Database.CloseConnectionAsync();
        await db.Papers.ExecuteDeleteAsync(ct);
        Assert.Equal(0, await db.PaperAuthors.CountAsync(ct));
    }

    [Fact]
    public async Task ACommittedBatchIsCopiedIntoTheDatabaseFileInTheBackground()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        var databaseFile = new FileInfo(Path.Combine(app.DataDirectory, "dailypapers.db"));
        var sizeBefore = databaseFile.Length;
        var abstractText = string.Join(' ', Enumerable.Repeat("A long abstract about sparse attention.", 40));
        var batch = Enumerable.Range(1, 300).Select(i => Paper($"2503.{i:D5}", $"Paper {i}", null, $"Author {i}") with { Abstract = abstractText }).ToArray();

        await WriteAsync(app, batch);
        await app.Services.GetRequiredService<SqliteWalCheckpointer>().Idle;

        // The writer's own checkpoint waits for 256 MB of WAL, so only the background one copied
        // these pages: 300 papers of 1.5 KB each are in the main file, not just in the WAL.
        databaseFile.Refresh();
        Assert.True(databaseFile.Length - sizeBefore >= 300 * 1500, $"database file grew by {databaseFile.Length - sizeBefore} bytes");
    }
}
