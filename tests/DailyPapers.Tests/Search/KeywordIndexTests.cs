using DailyPapers.Search;

namespace DailyPapers.Tests.Search;

public sealed class KeywordIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dailypapers-keyword-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static KeywordDocument Doc(long id, string title, string? @abstract = null, string categories = "cs.CL", params string[] authors) =>
        new(id, title, @abstract, authors, categories);

    [Fact]
    public void EnglishAnalysisMatchesInflectionsAndIgnoresStopWords()
    {
        using var index = KeywordIndex.OpenWritable(_folder);
        index.Upsert([Doc(1, "Training Transformers", "We trained several models."), Doc(2, "The Effect of Noise")]);
        index.Commit(5);

        Assert.Equal([1L], index.Search("train transformer", 10));
        Assert.Empty(index.Search("the of a", 10));
        Assert.Equal([2L], index.Search("NOISY effects", 10));
    }

    [Fact]
    public void CommitsKeepTheIndexInFewSegmentsAndABuildFromScratchInOne()
    {
        using var index = KeywordIndex.OpenWritable(_folder);
        // One commit per round of the index job, each adding a segment of its own before merging.
        for (var round = 0; round < 8; round++)
        {
            index.Upsert([.. Enumerable.Range(round * 10, 10).Select(id => Doc(id, $"paper {id} about segments"))]);
            index.Commit(round);
            Assert.InRange(index.SegmentCount, 1, KeywordIndex.MaxSegments);
        }
        Assert.Equal(80, index.Search("segments", 100).Count);

        // The commit that ends a build from scratch: one segment, whatever the rounds before left.
        index.Upsert([.. Enumerable.Range(80, 10).Select(id => Doc(id, $"paper {id} about segments"))]);
        index.Commit(8, builtFromScratch: true);

        Assert.Equal(1, index.SegmentCount);
        Assert.Equal(90, index.Search("segments", 100).Count);
    }

    [Fact]
    public void CategoriesAndAuthorsAreSearchable()
    {
        using var index = KeywordIndex.OpenWritable(_folder);
        index.Upsert([Doc(1, "One", categories: "cs.CV eess.IV", authors: "Kaiming He"), Doc(2, "Two", categories: "cs.CL", authors: "Yann LeCun")]);
        index.Commit(1);

        Assert.Equal([1L], index.Search("cs.CV", 10));
        Assert.Equal([2L], index.Search("lecun", 10));
    }

    [Theory]
    [InlineData("Deep Residual Learning")]
    [InlineData("deep   residual\tlearning")]
    [InlineData("  DEEP RESIDUAL LEARNING ")]
    [InlineData("Ｄｅｅｐ Residual Learning")]
    public void ExactTitlesMatchIgnoringCaseAndSpacing(string query)
    {
        using var index = KeywordIndex.OpenWritable(_folder);
        index.Upsert([Doc(1, "Deep  Residual Learning"), Doc(2, "Deep Residual Learning for Images")]);
        index.Commit(1);

        Assert.Equal([1L], index.ExactTitle(query));
    }

    [Fact]
    public void TheWatermarkIsCommittedWithTheDocumentsAndSurvivesReopening()
    {
        using (var index = KeywordIndex.OpenWritable(_folder))
        {
            Assert.Equal(-1, index.Watermark);
            index.Upsert([Doc(1, "Persisted")]);
            index.Commit(17);
        }

        using var reopened = KeywordIndex.OpenWritable(_folder);

        Assert.Equal(17, reopened.Watermark);
        Assert.Equal(1, reopened.Count());
        Assert.Equal([1L], reopened.Search("persisted", 10));
    }

    [Fact]
    public void UpsertingAPaperAgainReplacesItsDocument()
    {
        using var index = KeywordIndex.OpenWritable(_folder);
        index.Upsert([Doc(1, "Old words")]);
        index.Commit(1);
        index.Upsert([Doc(1, "New words")]);
        index.Commit(2);

        Assert.Empty(index.Search("old", 10));
        Assert.Equal([1L], index.Search("new words", 10));
        Assert.Equal(1, index.Count());
    }

    [Fact]
    public void AVeryLongQueryStaysUnderLucenesClauseLimit()
    {
        using var index = KeywordIndex.OpenWritable(_folder);
        index.Upsert([Doc(1, "word0 appears here")]);
        index.Commit(1);

        var hits = index.Search(string.Join(' ', Enumerable.Range(0, 2000).Select(i => "word" + i)), 10);

        Assert.Equal([1L], hits);
    }

    [Fact]
    public void AnIndexWrittenWithAnOlderShapeIsEmptiedToBeRebuiltAndACurrentOneIsKept()
    {
        // An index of the shape before author keys: documents and a watermark, no schema in the commit data.
        using (var directory = Lucene.Net.Store.FSDirectory.Open(_folder))
        using (var analyzer = new Lucene.Net.Analysis.En.EnglishAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer)))
        {
            writer.AddDocument([new Lucene.Net.Documents.TextField("title", "Old shape", Lucene.Net.Documents.Field.Store.NO)]);
            writer.SetCommitData(new Dictionary<string, string> { ["change_seq"] = "41" });
            writer.Commit();
        }

        using (var reopened = KeywordIndex.OpenWritable(_folder))
        {
            Assert.True(reopened.WasRebuiltForSchema);
            Assert.Equal(-1, reopened.Watermark);
            reopened.Upsert([Doc(7, "New shape", authors: "Kaiming He")]);
            reopened.Commit(42);
            Assert.Equal(1, reopened.Count());
            Assert.Equal([7L], reopened.ExactAuthor("He Kaiming"));
        }

        using var current = KeywordIndex.OpenWritable(_folder);
        Assert.False(current.WasRebuiltForSchema);
        Assert.Equal(42, current.Watermark);
    }
}
