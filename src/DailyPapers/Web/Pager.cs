using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DailyPapers.Web;

/// <summary>1-based page numbers over a list of <see cref="Total"/> items, as the <c>?p=</c> of the pages.</summary>
public readonly record struct Pager(int Page, int PageSize, int Total)
{
    /// <summary>At least one page, so an empty list is page 1 of 1.</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Page - 1) * PageSize;
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
    public bool IsInRange => Page >= 1 && Page <= PageCount;

    /// <summary>Parses <c>?p=</c>: absent means page 1; anything but a positive whole number is an error.</summary>
    public static bool TryParsePage(string? text, out int page, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            page = 1;
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1)
        {
            return true;
        }
        error = $"Invalid page '{text}': expected a page number, 1 or more.";
        return false;
    }

    public string OutOfRangeMessage =>
        string.Create(CultureInfo.InvariantCulture, $"There is no page {Page}: expected a page from 1 to {PageCount}.");

    /// <summary>
    /// The page numbers to link: the first, the last and <paramref name="around"/> either side of the
    /// current one; null marks a gap ("…").
    /// </summary>
    public IReadOnlyList<int?> Window(int around = 2)
    {
        var pages = new List<int?>();
        for (var page = 1; page <= PageCount; page++)
        {
            if (page == 1 || page == PageCount || Math.Abs(page - Page) <= around)
            {
                pages.Add(page);
            }
            else if (pages[^1] is not null)
            {
                pages.Add(null);
            }
        }
        return pages;
    }
}
