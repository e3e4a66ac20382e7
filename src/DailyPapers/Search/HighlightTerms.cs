using DailyPapers.Papers;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DailyPapers.Search;

/// <summary>A run of text to show, and whether it is a query term (rendered as <c>&lt;mark&gt;</c>).</summary>
public readonly record struct TextSegment(string Text, bool IsMatch);

/// <summary>
/// Finds the words of a text that match a query the way the keyword index does: both go through the
/// index's own analyzer (English: lower-casing, stop words, possessives, Porter stemming), so
/// "networks" in a query marks "network" and "Networks'" and a stop word marks nothing. The analyzer
/// reports each token's character offsets in the original text, so the text is cut into plain
/// segments and never rebuilt: the view encodes every segment and writes the <c>&lt;mark&gt;</c>
/// elements itself, so no part of the query or the text ever reaches the page as markup.
/// <para>
/// Math (<see cref="MathSpans"/>) is never cut: a match inside <c>$\textit{Trans-LoRA}$</c> marks
/// the whole of it, and an excerpt never starts inside it, so every piece of math the page's math
/// script renders lies within one text node, delimiters and all, whatever was marked.
/// </para>
/// </summary>
public sealed class HighlightTerms
{
    /// <summary>Analyzers are thread-safe (token streams are reused per thread), so one serves every request.</summary>
    private static readonly Analyzer Analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    /// <summary>An abstract whose first match lies further in than this starts at an excerpt, so the clamped card shows the match.</summary>
    private const int ExcerptAfter = 160;

    /// <summary>Context kept before the first match in an excerpt.</summary>
    private const int ExcerptLead = 60;

    private readonly HashSet<string> _terms;

    private HighlightTerms(HashSet<string> terms) => _terms = terms;

    public static HighlightTerms For(string query) =>
        new([.. Tokens(query).Select(t => t.Term)]);

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The whole text, cut into matching and non-matching runs.</summary>
    public IReadOnlyList<TextSegment> Split(string? text) => Split(text ?? "", 0, "");

    /// <summary>
    /// Like <see cref="Split(string?)"/>, but when the first match is far into the text, starts shortly
    /// before it (at a word boundary) with "…", so a card that shows three lines shows why it matched.
    /// </summary>
    public IReadOnlyList<TextSegment> Excerpt(string? text)
    {
        var whole = text ?? "";
        var first = Matches(whole).Select(m => m.Start).DefaultIfEmpty(-1).First();
        if (first <= ExcerptAfter)
        {
            return Split(whole, 0, "");
        }
        var start = whole.LastIndexOf(' ', first - ExcerptLead) + 1;
        if (MathSpans.Containing(MathSpans.Find(whole), start) is { } math)
        {
            start = math.Start;
        }
        return Split(whole, start, "…");
    }

    private List<TextSegment> Split(string text, int start, string prefix)
    {
        var segments = new List<TextSegment>();
        var position = start;
        foreach (var (matchStart, matchEnd) in WholeMath(Matches(text), MathSpans.Find(text)).Where(m => m.Start >= start))
        {
            if (matchStart > position)
            {
                segments.Add(new(text[position..matchStart], false));
            }
            segments.Add(new(text[matchStart..matchEnd], true));
            position = matchEnd;
        }
        if (position < text.Length)
        {
            segments.Add(new(text[position..], false));
        }
        if (prefix.Length > 0)
        {
            segments.Insert(0, new(prefix, false));
        }
        return segments;
    }

    private IEnumerable<(int Start, int End)> Matches(string text)
    {
        if (_terms.Count == 0 || text.Length == 0)
        {
            return [];
        }
        return Tokens(text).Where(t => _terms.Contains(t.Term)).Select(t => (t.Start, t.End));
    }

    // Each match that touches math widened to the whole of it; matches that then overlap are merged.
    private static List<(int Start, int End)> WholeMath(IEnumerable<(int Start, int End)> matches, IReadOnlyList<MathSpan> math)
    {
        var widened = new List<(int Start, int End)>();
        foreach (var (matchStart, matchEnd) in matches)
        {
            var (start, end) = (matchStart, matchEnd);
            foreach (var span in math.Where(span => span.Start < end && start < span.End))
            {
                (start, end) = (Math.Min(start, span.Start), Math.Max(end, span.End));
            }
            if (widened.Count > 0 && start < widened[^1].End)
            {
                widened[^1] = (widened[^1].Start, Math.Max(end, widened[^1].End));
            }
            else
            {
                widened.Add((start, end));
            }
        }
        return widened;
    }

    private static List<(string Term, int Start, int End)> Tokens(string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = Analyzer.GetTokenStream("abstract", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // Offsets index the original string: the analyzer has no character filters that shift them.
            var end = Math.Min(offset.EndOffset, text.Length);
            if (offset.StartOffset < end)
            {
                tokens.Add((term.ToString(), offset.StartOffset, end));
            }
        }
        stream.End();
        return tokens;
    }
}
