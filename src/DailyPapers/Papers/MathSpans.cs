namespace DailyPapers.Papers;

/// <summary>One piece of LaTeX math in a text: <c>text[Start..End]</c> with its delimiters, <c>text[ContentStart..ContentEnd]</c> without.</summary>
public readonly record struct MathSpan(int Start, int End, int ContentStart, int ContentEnd, bool Display);

/// <summary>
/// Finds the math in a title or abstract: <c>$...$</c>, <c>$$...$$</c>, <c>\(...\)</c> and <c>\[...\]</c>.
/// <c>wwwroot/math.js</c> follows the same rules in the browser (keep the two in step), so the
/// server knows which runs of text the page will turn into math: the plain form
/// (<see cref="PlainMath"/>) reads exactly those, and search highlighting never puts a
/// <c>&lt;mark&gt;</c> boundary inside one.
/// <para>
/// Titles also carry dollars that are money ("Earn $1 Million", "for 1$", "$200k"), so a single
/// <c>$</c> opens math only when a non-space follows it and closes only after a non-space (Pandoc's
/// rule), and <c>\$</c> is always a literal dollar. A closing delimiter inside braces does not count
/// (<c>$\text{a$b}$</c>), as in KaTeX's own auto-render. A delimiter that never closes is text.
/// </para>
/// </summary>
public static class MathSpans
{
    public static IReadOnlyList<MathSpan> Find(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny('$', '\\') < 0)
        {
            return [];
        }
        var spans = new List<MathSpan>();
        var i = 0;
        while (i < text.Length)
        {
            if (TryMatchAt(text, i) is { } span)
            {
                spans.Add(span);
                i = span.End;
            }
            else
            {
                // A backslash escapes the next character (\$ is a dollar, \\ a backslash) outside math too.
                i += text[i] == '\\' ? 2 : 1;
            }
        }
        return spans;
    }

    /// <summary>The span that <paramref name="index"/> falls strictly inside (not at its start), if any.</summary>
    public static MathSpan? Containing(IReadOnlyList<MathSpan> spans, int index)
    {
        foreach (var span in spans)
        {
            if (span.Start < index && index < span.End)
            {
                return span;
            }
        }
        return null;
    }

    private static MathSpan? TryMatchAt(string text, int i)
    {
        if (text[i] == '\\' && i + 1 < text.Length)
        {
            return text[i + 1] switch
            {
                '(' => Closed(text, i, "\\(", "\\)", display: false),
                '[' => Closed(text, i, "\\[", "\\]", display: true),
                _ => null,
            };
        }
        if (text[i] != '$')
        {
            return null;
        }
        if (i + 1 < text.Length && text[i + 1] == '$')
        {
            return Closed(text, i, "$$", "$$", display: true);
        }
        // Pandoc's rule for a single dollar: a non-space right after the opening one, and before the closing one.
        if (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]))
        {
            return null;
        }
        var span = Closed(text, i, "$", "$", display: false);
        return span is { } found && char.IsWhiteSpace(text[found.ContentEnd - 1]) ? null : span;
    }

    // The first closing delimiter at brace depth 0 after the opening one, skipping escaped characters.
    private static MathSpan? Closed(string text, int start, string open, string close, bool display)
    {
        var contentStart = start + open.Length;
        var depth = 0;
        for (var j = contentStart; j < text.Length; j++)
        {
            if (depth == 0 && j > contentStart && string.CompareOrdinal(text, j, close, 0, close.Length) == 0)
            {
                return new MathSpan(start, j + close.Length, contentStart, j, display);
            }
            switch (text[j])
            {
                case '\\':
                    j++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    break;
            }
        }
        return null;
    }
}
