using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class PaperMergeTests
{
    private static readonly PaperState Stored = new()
    {
        Version = 2,
        Title = "Stored title",
        Abstract = "Stored abstract",
        Categories = "cs.CL cs.AI",
        PrimaryCategory = "cs.CL",
        PublishedAt = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        Comments = null,
        CodeUrl = "https://github.com/a/b",
        Upvotes = 10,
        NumComments = 2,
        GithubStars = 50,
        Authors = ["Ada Lovelace", "Alan Turing"],
    };

    public static TheoryData<string, PaperState, PaperState> Cases => new()
    {
        {
            "a newer version replaces what it states and keeps what it leaves out",
            new PaperState { Version = 3, Title = "New title", Abstract = "New abstract", Categories = "cs.LG", PrimaryCategory = "cs.LG", Authors = ["Grace Hopper"] },
            Stored with { Version = 3, Title = "New title", Abstract = "New abstract", Categories = "cs.LG", PrimaryCategory = "cs.LG", Authors = ["Grace Hopper"] }
        },
        {
            "an equal version only fills what is missing",
            new PaperState { Version = 2, Title = "Other title", Abstract = "Other abstract", Comments = "12 pages", Authors = ["Someone Else"] },
            Stored with { Comments = "12 pages" }
        },
        {
            "an unknown version only fills what is missing",
            new PaperState { Title = "HF title", ProjectUrl = "https://x.github.io", AiSummary = "Short.", AiKeywords = "a, b" },
            Stored with { ProjectUrl = "https://x.github.io", AiSummary = "Short.", AiKeywords = "a, b" }
        },
        {
            "an older version only fills what is missing",
            new PaperState { Version = 1, Title = "v1 title", Doi = "10.1/x", Categories = "math.CO", PrimaryCategory = "math.CO" },
            Stored with { Doi = "10.1/x" }
        },
        {
            "counters keep the larger value whatever the version",
            new PaperState { Title = "t", Upvotes = 7, NumComments = 5, GithubStars = 80 },
            Stored with { NumComments = 5, GithubStars = 80 }
        },
        {
            "a record that says nothing new changes nothing",
            new PaperState { Title = "t" },
            Stored
        },
    };

    [Theory, MemberData(nameof(Cases))]
    public void MergeFollowsTheRules(string rule, PaperState incoming, PaperState expected)
    {
        Assert.True(expected.Equals(PaperMerge.Merge(Stored, incoming)), rule);
    }

    [Fact]
    public void AKnownVersionOverAnUnknownOneOnlyFillsButRaisesTheVersion()
    {
        var unknown = Stored with { Version = 0 };
        var merged = PaperMerge.Merge(unknown, new PaperState { Version = 4, Title = "v4 title" });

        Assert.Equal("Stored title", merged.Title);
        Assert.Equal(4, merged.Version);
    }

    [Fact]
    public void ANewPaperIsTakenAsItComes()
    {
        var incoming = new PaperState { Title = "Fresh", Authors = ["A"] };
        Assert.Same(incoming, PaperMerge.Merge(null, incoming));
    }

    [Fact]
    public void MergingIsIdempotent()
    {
        var incoming = new PaperState { Version = 3, Title = "New", Upvotes = 30, Authors = ["X"] };
        var once = PaperMerge.Merge(Stored, incoming);
        Assert.True(once.Equals(PaperMerge.Merge(once, incoming)));
    }

    [Theory]
    [InlineData(false, null, null, PaperMerge.DayChange.Add)]
    [InlineData(false, null, "akhaliq", PaperMerge.DayChange.Add)]
    [InlineData(true, null, "akhaliq", PaperMerge.DayChange.FillSubmitter)]
    [InlineData(true, "akhaliq", "someone", PaperMerge.DayChange.None)]
    [InlineData(true, null, null, PaperMerge.DayChange.None)]
    public void ADayIsAddedOnceAndOnlyItsMissingSubmitterIsFilled(bool onDay, string? stored, string? incoming, PaperMerge.DayChange expected)
    {
        Assert.Equal(expected, PaperMerge.MergeDay(onDay, stored, incoming));
    }
}
