using System.ComponentModel.DataAnnotations;

namespace DailyPapers.Data;

/// <summary>Where the catalog lives. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default: a file in the data directory) or <c>Postgres</c>.</summary>
    [RegularExpression("^(?i)(sqlite|postgres|postgresql)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// Connection string. For SQLite it defaults to <c>dailypapers.db</c> in the data directory;
    /// setting a PostgreSQL connection string (<c>Host=…</c>) alone also selects PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgres =>
        Provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
        || (ConnectionString?.Contains("Host=", StringComparison.OrdinalIgnoreCase) ?? false);
}
