using System.Diagnostics.CodeAnalysis;
using DailyPapers.Papers;

namespace DailyPapers.Ingest;

/// <summary>The checks every parser applies, with the reasons shown to the operator.</summary>
public static class RecordChecks
{
    /// <summary>Reads an arXiv id in any accepted spelling; otherwise gives the reason it is not one.</summary>
    public static bool TryId(string? raw, [NotNullWhen(true)] out string? id, out int? version, [NotNullWhen(false)] out string? error)
    {
        if (ArxivId.TryParse(raw, out id, out version, out var reason))
        {
            error = null;
            return true;
        }
        // A text with no id shape needs no more words than "invalid"; a flaw in one part is named.
        error = string.IsNullOrWhiteSpace(raw) ? reason
            : reason == ArxivId.Malformed ? Invalid("arXiv id", raw)
            : $"{Invalid("arXiv id", raw)}: {reason}";
        return false;
    }

    public static string Invalid(string field, string? value) => $"invalid {field} '{Shorten(value)}'";

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 60 ? value : value[..57] + "...";
}
