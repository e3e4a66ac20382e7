using System.Globalization;
using System.Text;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Every text value in every table of the model (found from the model, so a new column is checked
/// too): no noncharacter, no lone surrogate, no control character but tab and newline, and no
/// value longer than its column.
/// </summary>
internal static class StoredText
{
    public static async Task<List<string>> ProblemsAsync(AppDbContext db, int limit = 20)
    {
        var ct = TestContext.Current.CancellationToken;
        var problems = new List<string>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table)
                {
                    continue;
                }
                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                var columns = entity.GetProperties()
                    .Where(p => p.ClrType == typeof(string) && p.GetColumnName(store) is not null)
                    .Select(p => (Name: p.GetColumnName(store)!, MaxLength: p.GetMaxLength()))
                    .ToList();
                if (columns.Count == 0)
                {
                    continue;
                }
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table)}";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (!reader.IsDBNull(i) && Problem(reader.GetString(i), columns[i].MaxLength) is { } problem)
                        {
                            problems.Add($"{table}.{columns[i].Name}: {problem}");
                            if (problems.Count >= limit)
                            {
                                return problems;
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return problems;
    }

    private static string Quote(string name) => "\"" + name + "\"";

    public static string? Problem(string value, int? maxLength)
    {
        if (maxLength is { } max && value.Length > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Length} characters, the column holds {max}");
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var scalar = char.ConvertToUtf32(c, value[++i]);
                if ((scalar & 0xFFFE) == 0xFFFE)
                {
                    return At(value, i - 1, $"noncharacter U+{scalar:X}");
                }
                continue;
            }
            var reason = char.IsSurrogate(c) ? "lone surrogate"
                : c is (>= '\uFDD0' and <= '\uFDEF') or '\uFFFE' or '\uFFFF' ? "noncharacter"
                : char.IsControl(c) && c is not ('\n' or '\t') ? "control character"
                : null;
            if (reason is not null)
            {
                return At(value, i, string.Create(CultureInfo.InvariantCulture, $"{reason} U+{(int)c:X4}"));
            }
        }
        return null;
    }

    private static string At(string value, int index, string what)
    {
        var context = new StringBuilder();
        foreach (var c in value.AsSpan(Math.Max(0, index - 20), Math.Min(40, value.Length - Math.Max(0, index - 20))))
        {
            context.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{what} at {index} in '{context}'");
    }
}
