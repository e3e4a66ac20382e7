using System.Globalization;
using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>
/// What every parsed record passes before it counts as read (<see cref="ParsedItem.Ok"/>): each text
/// field through <see cref="SafeText.Clean"/>, then the <see cref="FieldLimits"/>. Parsers clean as
/// they read too; this is the door that holds even for a field a parser forgot. Each cut is
/// reported as a note.
/// </summary>
public static class RecordDoor
{
    /// <summary>The record as the catalog may keep it and what was cut; null record when nothing usable is left (no title).</summary>
    public static (PaperRecord? Record, IReadOnlyList<string> Notes, string? Error) Admit(PaperRecord record)
    {
        var notes = new List<string>();
        var title = SafeText.Clean(record.Title);
        if (title is null)
        {
            return (null, notes, "no title (nothing is left of it once characters that are not text are removed)");
        }
        var admitted = record with
        {
            Title = Limit("title", title, FieldLimits.Title, notes)!,
            Abstract = Limit("abstract", SafeText.Clean(record.Abstract), FieldLimits.Abstract, notes),
            Authors = Names(record.Authors, notes),
            Comments = Limit("comments", SafeText.Clean(record.Comments), FieldLimits.Comments, notes),
            JournalRef = Limit("journal reference", SafeText.Clean(record.JournalRef), FieldLimits.JournalRef, notes),
            Doi = Whole("DOI", SafeText.Clean(record.Doi), FieldLimits.Doi, notes),
            CodeUrl = Whole("code URL", SafeText.Clean(record.CodeUrl), FieldLimits.Url, notes),
            ProjectUrl = Whole("project URL", SafeText.Clean(record.ProjectUrl), FieldLimits.Url, notes),
            AiSummary = Limit("AI summary", SafeText.Clean(record.AiSummary), FieldLimits.AiSummary, notes),
            AiKeywords = Keywords(record.AiKeywords, notes),
            Categories = Categories(record.Categories),
            SubmittedBy = Limit("submitter", SafeText.Clean(record.SubmittedBy), FieldLimits.SubmittedBy, notes),
        };
        return (admitted, notes, null);
    }

    private static string? Limit(string field, string? text, int max, List<string> notes)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{field} cut to {max:N0} characters (it had {text.Length:N0})"));
        return SafeText.Clip(text, max);
    }

    // A cut DOI or URL points somewhere else: it is dropped, not cut.
    private static string? Whole(string field, string? text, int max, List<string> notes)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{field} dropped: {text.Length:N0} characters, more than the {max:N0} kept"));
        return null;
    }

    private static List<string>? Names(IReadOnlyList<string>? authors, List<string> notes)
    {
        if (authors is null)
        {
            return null;
        }
        var names = new List<string>(Math.Min(authors.Count, FieldLimits.Authors));
        var longNames = 0;
        foreach (var author in authors)
        {
            if (SafeText.Clean(author) is not { } name)
            {
                continue;
            }
            if (names.Count == FieldLimits.Authors)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"authors cut to the first {FieldLimits.Authors:N0} (it had {authors.Count:N0})"));
                break;
            }
            longNames += name.Length > FieldLimits.AuthorName ? 1 : 0;
            names.Add(SafeText.Clip(name, FieldLimits.AuthorName));
        }
        if (longNames > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{longNames:N0} author name(s) cut to {FieldLimits.AuthorName:N0} characters"));
        }
        return names.Count > 0 ? names : null;
    }

    private static List<string>? Keywords(IReadOnlyList<string>? keywords, List<string> notes)
    {
        if (keywords is null)
        {
            return null;
        }
        var kept = keywords.Select(SafeText.Clean).OfType<string>().Select(k => SafeText.Clip(k, FieldLimits.AiKeyword)).Take(FieldLimits.AiKeywords).ToList();
        if (keywords.Count > FieldLimits.AiKeywords)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"AI keywords cut to the first {FieldLimits.AiKeywords} (it had {keywords.Count:N0})"));
        }
        return kept.Count > 0 ? kept : null;
    }

    // Categories are arXiv's (parsers keep only names of that shape); the joined list must fit its column.
    private static List<string>? Categories(IReadOnlyList<string>? categories)
    {
        if (categories is null)
        {
            return null;
        }
        var kept = new List<string>(categories.Count);
        var length = 0;
        foreach (var category in categories)
        {
            if (SafeText.Clean(category) is not { Length: <= PaperState.CategoryMax } clean || kept.Contains(clean))
            {
                continue;
            }
            length += clean.Length + (kept.Count > 0 ? 1 : 0);
            if (length > PaperState.CategoriesMax)
            {
                break;
            }
            kept.Add(clean);
        }
        return kept.Count > 0 ? kept : null;
    }
}
