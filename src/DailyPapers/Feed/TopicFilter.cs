using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using DailyPapers.Papers;

namespace DailyPapers.Feed;

/// <summary>
/// Include and exclude lists of arXiv categories and keywords, as a subscription keeps them and as
/// the Atom feeds take them (<c>cat</c>, <c>xcat</c>, <c>kw</c>, <c>xkw</c>). A paper passes when it
/// has an included category (if any are given), an included keyword (if any), and no excluded one.
/// A category without a dot is a whole archive: <c>cs</c> matches <c>cs.CL</c>. Keywords match whole
/// words of the title or abstract, case-insensitively; a keyword of several words matches them in
/// order with any spacing between.
/// </summary>
public sealed partial class TopicFilter
{
    public const int MaxItems = 20;
    public const int MaxKeywordLength = 100;

    public static readonly TopicFilter None = new([], [], [], []);

    private readonly Regex? _include;
    private readonly Regex? _exclude;

    private TopicFilter(IReadOnlyList<string> includeCategories, IReadOnlyList<string> excludeCategories, IReadOnlyList<string> includeKeywords, IReadOnlyList<string> excludeKeywords)
    {
        IncludeCategories = includeCategories;
        ExcludeCategories = excludeCategories;
        IncludeKeywords = includeKeywords;
        ExcludeKeywords = excludeKeywords;
        _include = WordsPattern(includeKeywords);
        _exclude = WordsPattern(excludeKeywords);
    }

    public IReadOnlyList<string> IncludeCategories { get; }
    public IReadOnlyList<string> ExcludeCategories { get; }
    public IReadOnlyList<string> IncludeKeywords { get; }
    public IReadOnlyList<string> ExcludeKeywords { get; }

    public bool IsEmpty => IncludeCategories.Count + ExcludeCategories.Count + IncludeKeywords.Count + ExcludeKeywords.Count == 0;

    /// <summary><paramref name="categories"/> space-separated, as <see cref="Paper.Categories"/> stores them.</summary>
    public bool Passes(string? categories, string title, string? abstractText)
    {
        var own = (categories ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (IncludeCategories.Count > 0 && !own.Any(c => IncludeCategories.Any(f => CategoryMatches(f, c))))
        {
            return false;
        }
        if (own.Any(c => ExcludeCategories.Any(f => CategoryMatches(f, c))))
        {
            return false;
        }
        var text = title + "\n" + abstractText;
        return (_include is null || _include.IsMatch(text)) && (_exclude is null || !_exclude.IsMatch(text));
    }

    /// <summary>Only the exclude lists: what a saved search's matches must pass (the search itself chose the topic).</summary>
    public bool Excludes(string? categories, string title, string? abstractText) =>
        (categories ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(c => ExcludeCategories.Any(f => CategoryMatches(f, c)))
        || (_exclude is not null && _exclude.IsMatch(title + "\n" + abstractText));

    public static bool CategoryMatches(string filter, string category) =>
        string.Equals(filter, category, StringComparison.OrdinalIgnoreCase)
        || (!filter.Contains('.', StringComparison.Ordinal) && category.StartsWith(filter + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Builds a filter from lists as typed (each item may itself be a comma list). Every item passes
    /// the text door; a keyword holding a line break is refused outright rather than cleaned, so text
    /// that tried to split a header is never stored in any form.
    /// </summary>
    public static bool TryCreate(
        IEnumerable<string?>? includeCategories, IEnumerable<string?>? excludeCategories,
        IEnumerable<string?>? includeKeywords, IEnumerable<string?>? excludeKeywords,
        [NotNullWhen(true)] out TopicFilter? filter, [NotNullWhen(false)] out string? error)
    {
        filter = null;
        if (!TryCategories(includeCategories, "categories to include", out var inCats, out error)
            || !TryCategories(excludeCategories, "categories to exclude", out var exCats, out error)
            || !TryKeywords(includeKeywords, "keywords to include", out var inWords, out error)
            || !TryKeywords(excludeKeywords, "keywords to exclude", out var exWords, out error))
        {
            return false;
        }
        filter = new TopicFilter(inCats, exCats, inWords, exWords);
        return true;
    }

    /// <summary>The feed parameters (<see cref="ToQuery"/>), each repeatable or a comma list; an output cache varies by them.</summary>
    public static readonly string[] QueryKeys = ["cat", "xcat", "kw", "xkw"];

    /// <summary><see cref="TryCreate"/> for feed parameters: the error names the parameter at fault.</summary>
    public static bool TryFromQuery(string[]? cat, string[]? xcat, string[]? kw, string[]? xkw,
        [NotNullWhen(true)] out TopicFilter? filter, [NotNullWhen(false)] out Api.ParameterError? error)
    {
        error = null;
        string? problem = null;
        var at = (cat is not null && !TryCreate(cat, [], [], [], out _, out problem)) ? "cat"
            : (xcat is not null && !TryCreate([], xcat, [], [], out _, out problem)) ? "xcat"
            : (kw is not null && !TryCreate([], [], kw, [], out _, out problem)) ? "kw"
            : (xkw is not null && !TryCreate([], [], [], xkw, out _, out problem)) ? "xkw"
            : null;
        if (at is null && TryCreate(cat, xcat, kw, xkw, out filter, out problem))
        {
            return true;
        }
        filter = null;
        error = new Api.ParameterError(at ?? "cat", problem ?? "Invalid filter.");
        return false;
    }

    /// <summary>The filter of a subscription's stored comma lists; stored lists were checked when saved, so a bad item is dropped, not fatal.</summary>
    public static TopicFilter FromStored(string? includeCategories, string? excludeCategories, string? includeKeywords, string? excludeKeywords) =>
        new(Valid(Split(includeCategories), IsCategory), Valid(Split(excludeCategories), IsCategory),
            Valid(Split(includeKeywords), IsKeyword), Valid(Split(excludeKeywords), IsKeyword));

    /// <summary>
    /// The feed query parameters for this filter (<c>cat</c>, <c>xcat</c>, <c>kw</c>, <c>xkw</c>, each a comma
    /// list); <paramref name="excludesOnly"/> for a saved search's feed, where the search picks the topic.
    /// </summary>
    public List<KeyValuePair<string, string?>> ToQuery(bool excludesOnly = false)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, IReadOnlyList<string> items)
        {
            if (items.Count > 0)
            {
                pairs.Add(new(key, string.Join(',', items)));
            }
        }
        if (!excludesOnly)
        {
            Add("cat", IncludeCategories);
        }
        Add("xcat", ExcludeCategories);
        if (!excludesOnly)
        {
            Add("kw", IncludeKeywords);
        }
        Add("xkw", ExcludeKeywords);
        return pairs;
    }

    /// <summary>A list as stored: comma-separated, or null when empty.</summary>
    public static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join(", ", items);

    private static List<string> Valid(List<string> items, Func<string, bool> isValid) => [.. items.Where(isValid).Take(MaxItems)];

    private static List<string> Split(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SafeText.Clean).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    private static bool TryCategories(IEnumerable<string?>? values, string what, out List<string> items, [NotNullWhen(false)] out string? error)
    {
        items = [.. (values ?? []).SelectMany(v => Split(v))];
        items = [.. items.Distinct(StringComparer.OrdinalIgnoreCase)];
        error = items.Count > MaxItems ? $"Too many {what} ({items.Count}): at most {MaxItems}."
            : items.FirstOrDefault(c => !IsCategory(c)) is { } bad ? $"'{bad}' in {what} is not an arXiv category such as cs.CL or hep-th, or an archive such as cs."
            : null;
        return error is null;
    }

    private static bool TryKeywords(IEnumerable<string?>? values, string what, out List<string> items, [NotNullWhen(false)] out string? error)
    {
        var raw = (values ?? []).ToList();
        items = [];
        if (raw.Any(v => v is not null && (v.Contains('\r', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal))))
        {
            error = $"The {what} may not contain line breaks.";
            return false;
        }
        items = [.. raw.SelectMany(v => Split(v)).Distinct(StringComparer.OrdinalIgnoreCase)];
        error = items.Count > MaxItems ? $"Too many {what} ({items.Count}): at most {MaxItems}."
            : items.FirstOrDefault(k => !IsKeyword(k)) is { } bad ? $"'{SafeText.Clip(bad, 40)}' in {what} is too long or has no letter or digit (at most {MaxKeywordLength} characters)."
            : null;
        return error is null;
    }

    private static bool IsCategory(string text) => CategoryPattern().IsMatch(text);

    private static bool IsKeyword(string text) => text.Length <= MaxKeywordLength && text.Any(char.IsLetterOrDigit);

    /// <summary>One alternation for all keywords; word edges are "no letter or digit next to it", which also works for keywords like "c++" or "3d".</summary>
    private static Regex? WordsPattern(IReadOnlyList<string> keywords)
    {
        if (keywords.Count == 0)
        {
            return null;
        }
        var alternatives = keywords.Select(k => string.Join(@"\s+", k.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
        return new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', alternatives) + @")(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z\-]{0,19}(\.[A-Za-z][A-Za-z\-]{0,9})?$")]
    private static partial Regex CategoryPattern();
}
