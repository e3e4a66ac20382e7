using System.Text;
using System.Text.Json;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>Recorded responses under <c>Fixtures/</c> (copied next to the test assembly).</summary>
public static class Fixtures
{
    public static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    public static Stream Open(string relativePath) => File.OpenRead(PathOf(relativePath));

    /// <summary>
    /// A recorded HTTP exchange saved as <c>{"url", "status_code", "body"}</c> (how the arXiv API
    /// recordings are kept): the body as the server sent it, and the status. The recorder decoded the
    /// UTF-8 body as Latin-1 (the API sends no charset), so "Ramírez" is stored as "RamÃ­rez";
    /// encoding the string back as Latin-1 gives the original bytes exactly.
    /// </summary>
    public static (string Url, int Status, byte[] Body) Unwrap(string relativePath)
    {
        using var document = JsonDocument.Parse(Bytes(relativePath));
        var root = document.RootElement;
        return (root.GetProperty("url").GetString()!, root.GetProperty("status_code").GetInt32(),
            Encoding.Latin1.GetBytes(root.GetProperty("body").GetString()!));
    }

    /// <summary>The response body of a fixture: unwrapped when it is a JSON recording, the file otherwise.</summary>
    public static Stream Body(string relativePath) =>
        relativePath.EndsWith(".json", StringComparison.Ordinal)
            ? new MemoryStream(Unwrap(relativePath).Body)
            : Open(relativePath);
}
