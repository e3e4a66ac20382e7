using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DailyPapers.Ingest;

/// <summary>
/// One prepared SQLite statement on a Microsoft.Data.Sqlite connection (and so inside its current
/// transaction), bound by position through SQLitePCL, the layer Microsoft.Data.Sqlite itself calls.
/// For the import's hundreds of thousands of single-row inserts this skips what a
/// <see cref="SqliteCommand"/> does on every execution (looking parameters up by name, converting
/// names and values to new UTF-8 arrays, building a data reader), about a fifth of the write cost.
/// Text is encoded to UTF-8 (the database's encoding) into one reused buffer, which SQLite copies
/// while binding: .NET's vectorized encoder is cheaper than SQLite converting UTF-16 itself, and
/// binding allocates nothing. Times use Microsoft.Data.Sqlite's text formats, so EF reads them back
/// unchanged.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[4096];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    /// <summary>The rowid the last insert on this connection created.</summary>
    public long LastInsertedId => raw.sqlite3_last_insert_rowid(_db);

    public SqliteStatement Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public SqliteStatement Bind(int index, string? value)
    {
        if (value is null)
        {
            return Check(raw.sqlite3_bind_null(_statement, index));
        }
        if (value.Length == 0)
        {
            // An empty span would reach SQLite as a null pointer, which binds NULL instead of ''.
            return Check(raw.sqlite3_bind_text16(_statement, index, value));
        }
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < maxBytes)
        {
            _utf8 = new byte[Math.Max(maxBytes, _utf8.Length * 2)];
        }
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        return Check(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
    }

    public SqliteStatement Bind(int index, DateOnly value)
    {
        Span<byte> text = stackalloc byte[10];
        value.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Check(raw.sqlite3_bind_text(_statement, index, text[..length]));
    }

    public SqliteStatement Bind(int index, DateTime value)
    {
        // Microsoft.Data.Sqlite's (and so EF Core's) storage format for DateTime.
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var length, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return Check(raw.sqlite3_bind_text(_statement, index, text[..length]));
    }

    /// <summary>For column lists built as values (paper content): the types the catalog stores.</summary>
    public SqliteStatement Bind(int index, object? value) => value switch
    {
        null => Check(raw.sqlite3_bind_null(_statement, index)),
        string text => Bind(index, text),
        long number => Bind(index, number),
        int number => Bind(index, number),
        DateTime time => Bind(index, time),
        DateOnly day => Bind(index, day),
        _ => throw new ArgumentException($"No SQLite binding for {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Runs the statement with the values bound so far, then resets it for the next row.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }

    private SqliteStatement Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
        return this;
    }

    public void Dispose() => _statement.Dispose();
}
