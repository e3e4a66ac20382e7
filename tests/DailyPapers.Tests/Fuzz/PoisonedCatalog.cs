using System.Text;
using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Papers written straight into the database, past every import door (as an older version, another
/// tool or a hand edit could leave them), whose every text field holds hostile text, plus normal
/// papers stored after them. Each hostile paper's title also carries one plain word, so search can
/// show the rest of it was cleaned rather than dropped. All are on the feed of <see cref="Day"/>.
/// </summary>
public static class PoisonedCatalog
{
    public static readonly DateOnly Day = new(2024, 3, 1);

    public const string Noncharacters = "\uFFFE\uFFFF\uFDD0\uFDEF\U0001FFFE\U0010FFFF";
    public const string LoneSurrogates = "\uD800 x\uDC00 \uDBFF";
    public const string Nul = "\0";
    public const string Controls = "\u0001\u0007\u0008\u000B\u000C\u001B[31m\u007F \u0080\u0085\u009B\u009F";
    public const string Bidi = "\u202Egnp.exe\u202C \u2066x\u2069 \u200F\u061C\u200B\uFEFF";
    public const string Markup = "<script>alert(1)</script> \"><img src=x onerror=1> ]]> <![CDATA[ &amp; &#0; &#xFFFE; <b>";
    public const string Lucene = "title:(a OR b)^3 \"unclosed *?~ \\ [a TO b] {c TO d} +x -y && || ! /re.ex/";
    public const string RightToLeft = "شبكات عصبية עברית";
    public const string EmojiAndCombining = "🚀🧬👩‍🔬 Z\u0351\u0348a\u0361lgo ne\u0301tworks";

    public static readonly string Everything = string.Join(' ', Noncharacters, LoneSurrogates, Nul, Controls, Bidi, Markup, Lucene, RightToLeft, EmojiAndCombining);

    /// <summary>(arXiv id, the plain word in its title, what poisons it).</summary>
    public static readonly (string Id, string Word, string Poison)[] Hostile =
    [
        ("2403.00001", "kestrel", Noncharacters),
        ("2403.00002", "ocelot", LoneSurrogates + Nul),
        ("2403.00003", "pangolin", Controls),
        ("2403.00004", "axolotl", Bidi),
        ("2403.00005", "narwhal", Markup),
        ("2403.00006", "quokka", Lucene),
        ("2403.00007", "tapir", RightToLeft + EmojiAndCombining),
        ("2403.00008", "wombat", Everything),
    ];

    /// <summary>The paper whose abstract is 100 KB of hostile text (ids follow <see cref="Hostile"/>).</summary>
    public const string HugeId = "2403.00009";

    public static readonly (string Id, string Title, string Query)[] Normal =
    [
        ("2403.00101", "Graph Neural Networks for Molecules", "graph neural networks molecules"),
        ("2403.00102", "Networked Control of Legged Robots", "legged robots control"),
        ("2403.00103", "Dense Retrieval with Dual Encoders", "dense retrieval dual encoders"),
    ];

    public static IEnumerable<string> AllIds => Hostile.Select(h => h.Id).Append(HugeId).Concat(Normal.Select(n => n.Id));

    /// <summary>
    /// Writes the catalog with EF, change sequences in that order (hostile first), so a round that
    /// stopped at a hostile paper would miss the normal ones. PostgreSQL refuses NUL in text and
    /// Npgsql refuses unpaired surrogates, so no PostgreSQL catalog can hold those two: on that lane
    /// NUL is left out and lone surrogates become U+FFFD, as SQLite's driver turns them anyway
    /// (SQLite stores the NUL, and its driver reads the text back only up to it).
    /// </summary>
    public static Task WriteAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var seq = 0L;
        foreach (var (id, word, poison) in Hostile)
        {
            var text = Storable(app.Lane, poison);
            // The plain word comes first: SQLite's driver reads text only up to a NUL.
            Add(db, ++seq, id, Cut($"{char.ToUpperInvariant(word[0])}{word[1..]} {text} Paper {text}", 1000), $"The {word} paper. {text} More text. {text}", text, Storable(app.Lane, Everything));
        }
        var huge = new StringBuilder();
        while (huge.Length < 100 * 1024)
        {
            huge.Append(Storable(app.Lane, Everything)).Append(' ');
        }
        Add(db, ++seq, HugeId, "A Hundred Kilobytes of Abstract about Capybaras", huge.ToString(), "capybara", "Mallory Evil");
        foreach (var (id, title, _) in Normal)
        {
            Add(db, ++seq, id, title, $"We study {title.ToLowerInvariant()} and report results.", "", "Ada Lovelace");
        }
        await db.SaveChangesAsync();
    });

    private static void Add(AppDbContext db, long seq, string id, string title, string @abstract, string poison, string author)
    {
        var hostile = poison.Length > 0;
        var paper = new Paper
        {
            ArxivId = id,
            Version = 1,
            Title = title,
            Abstract = @abstract,
            Categories = hostile ? Cut("cs.LG " + poison, 1000) : "cs.LG",
            PrimaryCategory = hostile ? Cut(poison, 64) : "cs.LG",
            PublishedAt = new DateTime(2024, 2, 28, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc),
            Comments = hostile ? poison : "12 pages",
            JournalRef = hostile ? poison : null,
            Doi = hostile ? Cut("10.1234/" + poison, 200) : null,
            CodeUrl = hostile ? "javascript:alert(1)//" + poison : "https://github.com/example/code",
            ProjectUrl = hostile ? "https://example.org/\"><img src=x onerror=1>" + poison : null,
            GithubStars = hostile ? -1 : 10,
            AiSummary = hostile ? poison : null,
            AiKeywords = hostile ? poison + "," + poison : null,
            Upvotes = hostile ? int.MaxValue : 3,
            NumComments = hostile ? -5 : 0,
            ChangeSeq = seq,
            CreatedAt = CatalogSeed.StoredAt,
            ModifiedAt = CatalogSeed.StoredAt,
        };
        var authors = hostile ? new[] { Cut(author, 500), Cut("Ada Lovelace " + poison, 500) } : [author];
        for (var i = 0; i < authors.Length; i++)
        {
            var name = authors[i];
            var stored = db.Authors.Local.FirstOrDefault(a => a.Name == name) ?? new Author { Name = name };
            paper.Authors.Add(new PaperAuthor { Author = stored, Position = i });
        }
        paper.DailyEntries.Add(new DailyEntry
        {
            Day = Day,
            SubmittedAt = Day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc).AddMinutes(seq),
            SubmittedBy = hostile ? Cut(poison, 200) : "akhaliq",
            Source = "test",
        });
        db.Papers.Add(paper);
    }

    private static string Storable(Lane lane, string text) =>
        lane == Lane.Postgres ? string.Concat(text.EnumerateRunes().Where(r => r.Value != 0).Select(r => r.ToString())) : text;

    /// <summary>Cut to the column's length without splitting a surrogate pair (the database would refuse half of one).</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        return char.IsHighSurrogate(text[max - 1]) ? text[..(max - 1)] : text[..max];
    }
}
