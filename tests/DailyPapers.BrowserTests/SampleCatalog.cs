using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Papers;

namespace DailyPapers.BrowserTests;

/// <summary>Three feed days (Thu Jul 25, Fri Jul 26, Mon Jul 29 2024) of a few papers each, and one with math (Mon Jun 3).</summary>
public static class SampleCatalog
{
    public static readonly DateOnly LatestDay = new(2024, 7, 29);
    public static readonly DateOnly PreviousDay = new(2024, 7, 26);

    public const string PaperOnPreviousDay = "Sparse Mixtures of Experts Route Tokens by Difficulty";

    /// <summary>A real title with LaTeX math (2405.17258), on a day of its own with a title whose dollars are money.</summary>
    public const string MathPaper = "2405.17258";

    public const string MathTitle = @"$\textit{Trans-LoRA}$: towards data-free Transferable Parameter Efficient Finetuning";

    public const string MathAbstract = @"We adapt the top-$K$ of $N$ low-rank adapters in $\mathcal{O}(N^2)$ time, and show \(\alpha \leq 1\) holds.";

    public const string MoneyTitle = "Fixing Bugs for $1 or $2 Each";

    public static readonly DateOnly MathDay = new(2024, 6, 3);

    private static readonly (string Id, string Title, string[] Authors, int Upvotes, DateOnly Day)[] Papers =
    [
        ("2407.20001", "Long-Context Retrieval Without Positional Drift", ["Mira Okafor", "Tomás Lind"], 41, LatestDay),
        ("2407.20002", "Small Models Check Their Own Proofs", ["Jun Sato", "Mira Okafor", "Priya Raman"], 17, LatestDay),
        ("2407.20003", "A Benchmark for Multilingual Table Reasoning", ["Lea Brandt"], 8, LatestDay),
        ("2407.18001", PaperOnPreviousDay, ["Ana Costa", "Wei Zhang", "Jun Sato"], 33, PreviousDay),
        ("2407.18002", "Diffusion Policies for Cheap Robot Arms", ["Omar Haddad"], 12, PreviousDay),
        ("2407.17001", "Calibrated Uncertainty for Code Generation", ["Lea Brandt", "Ana Costa"], 25, new DateOnly(2024, 7, 25)),
        (MathPaper, MathTitle, ["Runqian Wang"], 9, MathDay),
        ("2406.00001", MoneyTitle, ["Lea Brandt"], 3, MathDay),
    ];

    public static int PaperCount => Papers.Length;

    public static async Task SeedAsync(AppDbContext db)
    {
        var authors = new Dictionary<string, Author>();
        var created = new DateTime(2024, 7, 29, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (id, title, names, upvotes, day) in Papers)
        {
            var paper = new Paper
            {
                ArxivId = id,
                Version = 1,
                Title = title,
                Abstract = id == MathPaper
                    ? MathAbstract
                    : $"We present {title.ToLowerInvariant()}. Experiments on public benchmarks show consistent gains, and we release code and data.",
                Categories = "cs.LG cs.CL",
                PrimaryCategory = "cs.LG",
                PublishedAt = day.AddDays(-2).ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc),
                Upvotes = upvotes,
                CreatedAt = created,
                ModifiedAt = created,
            };
            for (var i = 0; i < names.Length; i++)
            {
                if (!authors.TryGetValue(names[i], out var author))
                {
                    author = authors[names[i]] = new Author { Name = names[i] };
                }
                paper.Authors.Add(new PaperAuthor { Author = author, Position = i });
            }
            paper.DailyEntries.Add(new DailyEntry { Day = day, SubmittedAt = day.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc), Source = "test" });
            db.Papers.Add(paper);
        }
        await db.SaveChangesAsync();
    }
}
