using System.Globalization;
using DailyPapers.Api;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Papers;

/// <summary>A paper's appearance on the feed, as the paper object reports it.</summary>
public sealed record FeedDay(long PaperId, DateOnly Day, DateTime SubmittedAt, string? SubmittedBy);

/// <summary>
/// Builds API paper objects from catalog rows. Authors and feed days are loaded for a whole page
/// of papers in one query each, never per paper.
/// </summary>
public static class PaperDtos
{
    public static async Task<ILookup<long, PaperAuthorDto>> LoadAuthorsAsync(
        this AppDbContext db, IReadOnlyCollection<long> paperIds, CancellationToken cancellationToken)
    {
        var rows = await db.PaperAuthors.AsNoTracking()
            .Where(a => paperIds.Contains(a.PaperId))
            .OrderBy(a => a.PaperId).ThenBy(a => a.Position)
            .Select(a => new { a.PaperId, a.AuthorId, a.Author!.Name })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(
            r => r.PaperId,
            r => new PaperAuthorDto(r.AuthorId.ToString(CultureInfo.InvariantCulture), r.Name, Hidden: false));
    }

    public static async Task<ILookup<long, FeedDay>> LoadFeedDaysAsync(
        this AppDbContext db, IReadOnlyCollection<long> paperIds, CancellationToken cancellationToken)
    {
        var rows = await db.DailyEntries.AsNoTracking()
            .Where(e => paperIds.Contains(e.PaperId))
            .OrderBy(e => e.Day)
            .Select(e => new FeedDay(e.PaperId, e.Day, e.SubmittedAt, e.SubmittedBy))
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.PaperId);
    }

    /// <summary>The paper objects of <c>/api/papers</c> for <paramref name="papers"/>, in the same order.</summary>
    public static async Task<List<PaperDetailDto>> ToDetailDtosAsync(
        this AppDbContext db, IReadOnlyList<Paper> papers, HttpRequest request, CancellationToken cancellationToken)
    {
        var ids = papers.Select(p => p.Id).ToList();
        var authors = await db.LoadAuthorsAsync(ids, cancellationToken);
        var days = await db.LoadFeedDaysAsync(ids, cancellationToken);
        return [.. papers.Select(p => ToDetailDto(p, authors[p.Id], [.. days[p.Id]], request))];
    }

    public static PaperDetailDto ToDetailDto(Paper paper, IEnumerable<PaperAuthorDto> authors, IReadOnlyList<FeedDay> days, HttpRequest request)
    {
        // The paper object reports its first appearance on the feed, as Hugging Face does.
        var first = days.Count > 0 ? days[0] : null;
        var categories = paper.Categories.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ToDto<PaperDetailDto>(paper, authors, first?.SubmittedAt, first?.SubmittedBy) with
        {
            Categories = categories.Length > 0 ? categories : null,
            PrimaryCategory = paper.PrimaryCategory,
            UpdatedAt = Utc(paper.UpdatedAt),
            Comments = paper.Comments,
            JournalRef = paper.JournalRef,
            Doi = paper.Doi,
            Links = new PaperLinksDto(
                RequestUrls.Absolute(request, PaperLinks.PagePath(paper.ArxivId)),
                ArxivId.AbsUrl(paper.ArxivId),
                ArxivId.PdfUrl(paper.ArxivId)),
            DaysFeatured = [.. days.Select(d => d.Day)],
        };
    }

    /// <summary>The Hugging Face fields of a paper object.</summary>
    public static T ToDto<T>(Paper paper, IEnumerable<PaperAuthorDto> authors, DateTime? submittedOnDailyAt, string? submittedBy)
        where T : PaperDto, new() => new()
        {
            Id = paper.ArxivId,
            Authors = [.. authors],
            PublishedAt = Utc(paper.PublishedAt),
            SubmittedOnDailyAt = Utc(submittedOnDailyAt),
            Title = paper.Title,
            Summary = paper.Abstract,
            Upvotes = paper.Upvotes,
            ProjectPage = paper.ProjectUrl,
            GithubRepo = paper.CodeUrl,
            GithubStars = paper.GithubStars,
            AiSummary = paper.AiSummary,
            AiKeywords = Keywords(paper.AiKeywords),
            SubmittedOnDailyBy = Submitter(submittedBy),
        };

    public static SubmitterDto? Submitter(string? name) => string.IsNullOrEmpty(name) ? null : new(name, name);

    /// <summary>SQLite hands back unspecified-kind times; every stored time is UTC, so say so (serializes with <c>Z</c>).</summary>
    public static DateTime? Utc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    private static string[]? Keywords(string? commaSeparated)
    {
        var keywords = commaSeparated?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return keywords is { Length: > 0 } ? keywords : null;
    }
}
