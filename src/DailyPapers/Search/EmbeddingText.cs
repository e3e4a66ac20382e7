using System.Security.Cryptography;
using System.Text;
using BERTTokenizers.Base;
using DailyPapers.Papers;

namespace DailyPapers.Search;

/// <summary>
/// What the model reads for a paper: the title, then the abstract, cut to a token budget with the
/// model's own WordPiece tokenizer. Cutting here (not silently inside the model at 512 tokens) makes
/// the budget a measured choice (see docs/benchmarks.md) and keeps long abstracts from dominating
/// the embedding time.
/// </summary>
public sealed class EmbeddingText(EmbeddingModel model, int maxTokens)
{
    private readonly TokenizerBase _tokenizer = model.CreateTokenizer();
    private readonly int _budget = Math.Clamp(maxTokens, 8, model.MaxTokens) - 2; // [CLS] and [SEP]

    public string ModelKey { get; } = model.Key(maxTokens);

    /// <summary>Title and abstract, cleaned (<see cref="SafeText.Clean"/>: also collapses whitespace) and cut to the token budget.</summary>
    public string ForPaper(string title, string? @abstract)
    {
        var (cleanTitle, cleanAbstract) = (SafeText.Clean(title) ?? "", SafeText.Clean(@abstract));
        return Truncate(cleanAbstract is null ? cleanTitle : cleanTitle + ". " + cleanAbstract);
    }

    /// <summary>A query as the model expects it (with the model's query prefix, if it has one).</summary>
    public string ForQuery(string query) => model.QueryPrefix + (SafeText.Clean(query) ?? "");

    public static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];

    private string Truncate(string text)
    {
        // Cheap exit: WordPiece never makes fewer tokens than there are words, so short texts fit.
        if (CountWords(text) * 2 < _budget)
        {
            return text;
        }
        var tokens = _tokenizer.Tokenize(1 << 16, text)[0];
        var words = tokens.Skip(1).SkipLast(1).Select(t => t.Item1).ToList();
        if (words.Count <= _budget)
        {
            return text;
        }
        // Never end on a word fragment: drop trailing "##" continuations of the cut word.
        var cut = _budget;
        while (cut > 0 && words[cut].StartsWith("##", StringComparison.Ordinal))
        {
            cut--;
        }
        return string.Join(' ', _tokenizer.Untokenize(words.GetRange(0, cut)));
    }

    private static int CountWords(string text) => text.Count(c => c == ' ') + 1;
}
