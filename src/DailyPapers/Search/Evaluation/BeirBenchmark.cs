using System.Globalization;
using System.Text.Json;

namespace DailyPapers.Search.Evaluation;

public sealed record BeirDocument(string Id, string Title, string Text, IReadOnlyList<string> Authors);

public sealed record BeirQuery(string Id, string Text);

/// <summary>
/// A retrieval benchmark in the BEIR layout: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>;
/// <c>authors</c> is read when present), <c>queries.jsonl</c> (<c>_id</c>, <c>text</c>) and
/// <c>qrels.tsv</c> (query-id, corpus-id, score, with a header line). Unreadable lines stop the load
/// with <c>file:line: reason</c>.
/// </summary>
public sealed class BeirBenchmark
{
    public required IReadOnlyList<BeirDocument> Documents { get; init; }
    public required IReadOnlyList<BeirQuery> Queries { get; init; }

    /// <summary>Query id → (document id → grade).</summary>
    public required IReadOnlyDictionary<string, Dictionary<string, int>> Judgments { get; init; }

    public static BeirBenchmark Load(string folder)
    {
        var corpus = Path.Combine(folder, "corpus.jsonl");
        var documents = ReadJsonLines(corpus, (root, where) => new BeirDocument(
            RequiredString(root, "_id", where),
            OptionalString(root, "title"),
            OptionalString(root, "text"),
            root.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
                ? [.. authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
                : []));
        var queries = ReadJsonLines(Path.Combine(folder, "queries.jsonl"), (root, where) => new BeirQuery(
            RequiredString(root, "_id", where), RequiredString(root, "text", where)));
        return new BeirBenchmark { Documents = documents, Queries = queries, Judgments = ReadQrels(Path.Combine(folder, "qrels.tsv")) };
    }

    private static List<T> ReadJsonLines<T>(string path, Func<JsonElement, string, T> read)
    {
        var items = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var where = $"{path}:{number}";
            try
            {
                using var document = JsonDocument.Parse(line);
                items.Add(read(document.RootElement, where));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{where}: not a JSON object ({exception.Message})");
            }
        }
        return items;
    }

    private static Dictionary<string, Dictionary<string, int>> ReadQrels(string path)
    {
        var judgments = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split('\t');
            if (number == 1 && fields[0] == "query-id" || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (fields.Length < 3 || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
            {
                throw new InvalidDataException($"{path}:{number}: expected query-id, corpus-id and an integer score separated by tabs");
            }
            if (!judgments.TryGetValue(fields[0], out var forQuery))
            {
                judgments[fields[0]] = forQuery = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            forQuery[fields[1]] = grade;
        }
        return judgments;
    }

    private static string RequiredString(JsonElement root, string name, string where) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : throw new InvalidDataException($"{where}: missing \"{name}\"");

    private static string OptionalString(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
