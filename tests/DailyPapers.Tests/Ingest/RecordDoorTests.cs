using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class RecordDoorTests
{
    private static readonly PaperRecord Plain = new() { ArxivId = "2501.00001", Title = "A plain title" };

    [Fact]
    public void ARecordWithinTheLimitsPassesUnchangedWithoutNotes()
    {
        var record = Plain with { Abstract = "Short.", Authors = ["Ada Lovelace"], Categories = ["cs.LG"], AiKeywords = ["graphs"] };

        var (admitted, notes, error) = RecordDoor.Admit(record);

        Assert.Null(error);
        Assert.Empty(notes);
        Assert.Equal(record.Title, admitted!.Title);
        Assert.Equal(record.Abstract, admitted.Abstract);
        Assert.Equal(record.Authors, admitted.Authors);
        Assert.Equal(record.Categories, admitted.Categories);
        Assert.Equal(record.AiKeywords, admitted.AiKeywords);
    }

    [Fact]
    public void EveryTextFieldIsCleanedEvenWhereAParserDidNot()
    {
        var record = Plain with
        {
            Title = "Title\uFFFE with\u0000 junk",
            Abstract = "Abstract\uD800 text",
            Authors = ["Ada\uFFFF Lovelace", "\u0007", " "],
            Comments = "12\u0001 pages",
            JournalRef = "J.\uFDD0 Ref",
            Doi = "10.1/x\u0000",
            CodeUrl = "https://github.com/a/b\uFFFE",
            AiSummary = "Sum\uDC00mary",
            AiKeywords = ["key\uFFFEword", "\uFFFF"],
            SubmittedBy = "user\u0000",
        };

        var (admitted, notes, _) = RecordDoor.Admit(record);

        Assert.Empty(notes);
        Assert.Equal("Title with junk", admitted!.Title);
        Assert.Equal("Abstract text", admitted.Abstract);
        Assert.Equal(["Ada Lovelace"], admitted.Authors);
        Assert.Equal("12 pages", admitted.Comments);
        Assert.Equal("J. Ref", admitted.JournalRef);
        Assert.Equal("10.1/x", admitted.Doi);
        Assert.Equal("https://github.com/a/b", admitted.CodeUrl);
        Assert.Equal("Summary", admitted.AiSummary);
        Assert.Equal(["keyword"], admitted.AiKeywords);
        Assert.Equal("user", admitted.SubmittedBy);
    }

    [Fact]
    public void ATitleOfNothingButNoncharactersIsNotARecord()
    {
        var item = ParsedItem.Ok(Plain with { Title = "\uFFFE\uFFFF\u0000" }, "papers.jsonl:3");

        Assert.Null(item.Record);
        Assert.Equal("papers.jsonl:3", item.Location);
        Assert.StartsWith("no title", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedFieldsAreCutToTheirLimitsAndEachCutIsNoted()
    {
        var record = Plain with
        {
            Title = new string('t', 1500),
            Abstract = string.Concat(Enumerable.Repeat("word ", 20_000)),
            Authors = [.. Enumerable.Range(0, 6000).Select(i => $"Author {i}"), new string('n', 900)],
            Comments = new string('c', 5000),
            Doi = "10.1/" + new string('d', 300),
            AiKeywords = [.. Enumerable.Range(0, 80).Select(i => $"k{i}"), new string('k', 150)],
        };

        var item = ParsedItem.Ok(record, "papers.jsonl:7");

        var admitted = item.Record!;
        Assert.Equal(FieldLimits.Title, admitted.Title.Length);
        Assert.True(admitted.Abstract!.Length <= FieldLimits.Abstract);
        Assert.Equal(FieldLimits.Authors, admitted.Authors!.Count);
        Assert.Equal("Author 0", admitted.Authors[0]);
        Assert.Equal(FieldLimits.Comments, admitted.Comments!.Length);
        Assert.Null(admitted.Doi);
        Assert.Equal(FieldLimits.AiKeywords, admitted.AiKeywords!.Count);
        Assert.Equal(
        [
            "title cut to 1,000 characters (it had 1,500)",
            "abstract cut to 10,000 characters (it had 99,999)",
            "authors cut to the first 5,000 (it had 6,001)",
            "comments cut to 4,000 characters (it had 5,000)",
            "DOI dropped: 305 characters, more than the 200 kept",
            "AI keywords cut to the first 50 (it had 81)",
        ], item.Notes);
    }

    [Fact]
    public void LongAuthorNamesAreCutAndCounted()
    {
        var item = ParsedItem.Ok(Plain with { Authors = ["Short Name", new string('a', 700), new string('b', 501)] }, "x:1");

        Assert.Equal([10, FieldLimits.AuthorName, FieldLimits.AuthorName], item.Record!.Authors!.Select(a => a.Length));
        Assert.Equal(["2 author name(s) cut to 500 characters"], item.Notes);
    }
}
