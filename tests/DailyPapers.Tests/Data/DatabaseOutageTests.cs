using System.Net.Sockets;
using DailyPapers.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DailyPapers.Tests.Data;

/// <summary>Which failures are the database not answering (503, retry) and which are bugs (500).</summary>
public sealed class DatabaseOutageTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "refused connection", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), true },
        { "wrapped by EF on save", new DbUpdateException("save failed", new NpgsqlException("read", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)))), true },
        { "EF's transient wrapper", new InvalidOperationException("likely due to a transient failure", new NpgsqlException("read", new TimeoutException())), true },
        { "retries used up", new RetryLimitExceededException("gave up", new NpgsqlException("read", new TimeoutException())), true },
        { "SQLite busy", new SqliteException("database is locked", 5), true },
        { "SQLite cannot open", new SqliteException("unable to open database file", 14), true },
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
        { "a bad statement", new NpgsqlException("syntax error"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void OnlyTheDatabaseNotAnsweringIsAnOutage(string what, Exception exception, bool outage) =>
        Assert.True(DatabaseOutage.IsOutage(exception) == outage, what);
}
