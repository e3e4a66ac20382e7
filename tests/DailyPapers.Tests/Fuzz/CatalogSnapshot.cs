using System.Globalization;
using DailyPapers.Data;
using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Tests.Fuzz;

/// <summary>What the catalog holds for papers, as text without the id, so a paper imported under two ids compares equal.</summary>
internal static class CatalogSnapshot
{
    public static async Task<Dictionary<string, string>> ReadAsync(AppDbContext db, IReadOnlyCollection<string> ids)
    {
        var ct = TestContext.Current.CancellationToken;
        var papers = await db.Papers.AsNoTracking().AsSplitQuery().Where(p => ids.Contains(p.ArxivId))
            .Select(p => new
            {
                Paper = p,
                Authors = p.Authors.OrderBy(a => a.Position).Select(a => a.Author!.Name).ToList(),
                Entries = p.DailyEntries.OrderBy(e => e.Day).Select(e => new { e.Day, e.SubmittedAt, e.SubmittedBy, e.Source }).ToList(),
            })
            .ToListAsync(ct);
        return papers.ToDictionary(row => row.Paper.ArxivId, row => Describe(row.Paper) +
            FormattableString.Invariant($" | authors {string.Join("; ", row.Authors)} | entries ") +
            string.Join("; ", row.Entries.Select(e => FormattableString.Invariant($"{e.Day:yyyy-MM-dd} {Time(e.SubmittedAt)} {e.SubmittedBy} {e.Source}"))));
    }

    private static string Time(DateTime? t) => t?.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static string Describe(Paper p) =>
        FormattableString.Invariant($"v{p.Version} | {p.Title} | {p.Abstract} | {p.Categories} | {p.PrimaryCategory} | {Time(p.PublishedAt)} | {Time(p.UpdatedAt)} | ") +
        FormattableString.Invariant($"{p.Comments} | {p.JournalRef} | {p.Doi} | {p.CodeUrl} | {p.ProjectUrl} | {p.GithubStars} | {p.AiSummary} | {p.AiKeywords} | ") +
        FormattableString.Invariant($"{p.Upvotes} | {p.NumComments}");
}
