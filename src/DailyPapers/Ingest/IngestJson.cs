using System.Text.Json.Serialization;

namespace DailyPapers.Ingest;

/// <summary>A line of the DailyPapers JSON-lines format (see the data README: hf-daily-papers, arxiv-corpus).</summary>
internal sealed class JsonlLine
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("authors")] public List<string?>? Authors { get; set; }
    [JsonPropertyName("abstract")] public string? Abstract { get; set; }
    [JsonPropertyName("published")] public string? Published { get; set; }
    [JsonPropertyName("categories")] public List<string?>? Categories { get; set; }
    [JsonPropertyName("hf_date")] public string? HfDate { get; set; }
    [JsonPropertyName("upvotes")] public int? Upvotes { get; set; }
    [JsonPropertyName("num_comments")] public int? NumComments { get; set; }
}

/// <summary>A line of the Kaggle "Cornell-University/arxiv" metadata snapshot.</summary>
internal sealed class KaggleLine
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("authors")] public string? Authors { get; set; }
    [JsonPropertyName("authors_parsed")] public List<List<string?>?>? AuthorsParsed { get; set; }
    [JsonPropertyName("abstract")] public string? Abstract { get; set; }
    [JsonPropertyName("comments")] public string? Comments { get; set; }
    [JsonPropertyName("journal-ref")] public string? JournalRef { get; set; }
    [JsonPropertyName("doi")] public string? Doi { get; set; }
    [JsonPropertyName("categories")] public string? Categories { get; set; }
    [JsonPropertyName("versions")] public List<KaggleVersion?>? Versions { get; set; }
}

internal sealed class KaggleVersion
{
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("created")] public string? Created { get; set; }
}

/// <summary>A daily entry of Hugging Face's <c>/api/daily_papers</c>, with the fields DailyPapers keeps.</summary>
internal sealed class HfEntry
{
    [JsonPropertyName("paper")] public HfPaper? Paper { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("numComments")] public int? NumComments { get; set; }
    [JsonPropertyName("submittedBy")] public HfUser? SubmittedBy { get; set; }
}

internal sealed class HfPaper
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("authors")] public List<HfAuthor?>? Authors { get; set; }
    [JsonPropertyName("publishedAt")] public string? PublishedAt { get; set; }
    [JsonPropertyName("submittedOnDailyAt")] public string? SubmittedOnDailyAt { get; set; }
    [JsonPropertyName("submittedOnDailyBy")] public HfUser? SubmittedOnDailyBy { get; set; }
    [JsonPropertyName("upvotes")] public int? Upvotes { get; set; }
    [JsonPropertyName("githubRepo")] public string? GithubRepo { get; set; }
    [JsonPropertyName("projectPage")] public string? ProjectPage { get; set; }
    [JsonPropertyName("githubStars")] public int? GithubStars { get; set; }
    [JsonPropertyName("ai_summary")] public string? AiSummary { get; set; }
    [JsonPropertyName("ai_keywords")] public List<string?>? AiKeywords { get; set; }
}

internal sealed class HfAuthor
{
    [JsonPropertyName("name")] public string? Name { get; set; }
}

/// <summary>A Hugging Face user as embedded in entries: <c>submittedBy</c> has <c>name</c>, <c>submittedOnDailyBy</c> has <c>user</c>.</summary>
internal sealed class HfUser
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, Converters = [typeof(LoneSurrogateStringConverter)])]
[JsonSerializable(typeof(JsonlLine))]
[JsonSerializable(typeof(KaggleLine))]
[JsonSerializable(typeof(HfEntry))]
internal sealed partial class IngestJson : JsonSerializerContext;
