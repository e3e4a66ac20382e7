using System.Text;
using DailyPapers.Papers;

namespace DailyPapers.Comments;

/// <summary>What a comment's text must be, for the page forms and the API alike.</summary>
public static class CommentRules
{
    /// <summary>About three pages of text; longer is an article, not a comment.</summary>
    public const int MaxBodyLength = 10_000;

    /// <summary>
    /// The body as stored, or null with why it cannot be. Like <see cref="SafeText.Clean"/> it drops
    /// what no store or renderer can take (control characters, unpaired surrogates,
    /// noncharacters), but it keeps line breaks, tabs and runs of spaces, which Markdown reads.
    /// </summary>
    public static string? Clean(string? body, out string problem)
    {
        var text = Strip((body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')).Trim();
        if (text.Length == 0)
        {
            problem = "Write something first: the comment was empty.";
            return null;
        }
        if (text.Length > MaxBodyLength)
        {
            problem = $"A comment can be at most {MaxBodyLength:N0} characters; this one has {text.Length:N0}.";
            return null;
        }
        problem = "";
        return text;
    }

    private static string Strip(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!SafeText.IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    kept.Append(c).Append(text[i + 1]);
                }
                i++;
            }
            else if (c is '\n' or '\t' || !(char.IsControl(c) || char.IsSurrogate(c) || SafeText.IsNoncharacter(c)))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }
}
