using System.Collections.Concurrent;
using System.Security.Cryptography;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Mail;

/// <summary>
/// Keys shared by every node, stored in <c>site_secrets</c>. The first use inserts a random key if
/// none exists (insert-if-absent, a no-op when another node won the race) and then reads the row
/// back, so two nodes starting together end up with the same key. Cached per process: a key never
/// changes once written.
/// </summary>
public sealed class SiteSecrets(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string LinkSigningKey = "link-signing-key";

    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var candidate = RandomNumberGenerator.GetBytes(32);
        var now = clock.GetUtcNow().UtcDateTime;
        // The same statement on SQLite and PostgreSQL; parameters, never text.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO site_secrets (name, value, created_at) VALUES ({name}, {candidate}, {now}) ON CONFLICT (name) DO NOTHING",
            cancellationToken);
        var stored = await db.SiteSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).SingleAsync(cancellationToken);
        return _cache.GetOrAdd(name, stored);
    }
}
