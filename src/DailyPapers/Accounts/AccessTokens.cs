using System.Security.Cryptography;
using System.Text;
using DailyPapers.Data;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Accounts;

/// <summary>
/// Personal access tokens: 32 random bytes, base64url, behind a recognizable prefix (so secret
/// scanners and people can tell what leaked). Only the SHA-256 of the token is stored: a stolen
/// database does not hand out working tokens, and a fast hash is enough for 256 random bits.
/// </summary>
public sealed class AccessTokens(AppDbContext db, TimeProvider clock)
{
    public const string Prefix = "dp_";

    /// <summary>Shown to the owner once, at creation.</summary>
    public sealed record Created(AccessToken Token, string Secret);

    public async Task<Created> CreateAsync(long accountId, string name, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new AccessToken
        {
            AccountId = accountId,
            Name = name,
            Hash = HashOf(secret),
            Prefix = secret[..(Prefix.Length + 6)],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new Created(token, secret);
    }

    /// <summary>The live token with this secret (not revoked, not expired, its account not disabled), or null.</summary>
    public async Task<AccessToken?> FindLiveAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = HashOf(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.AccessTokens.Include(t => t.Account)
            .SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken);
        // The lookup went by hash; compare again in constant time so no timing of the index leaks.
        if (token?.Account is null || token.Account.DisabledAt is not null || !CryptographicOperations.FixedTimeEquals(token.Hash, hash))
        {
            return null;
        }
        if (token.LastUsedAt is not { } used || now - used > TimeSpan.FromMinutes(5))
        {
            // Coarse on purpose: one write per token per few minutes, not one per request.
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }
        return token;
    }

    public async Task<bool> RevokeAsync(long accountId, long tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.AccessTokens.Where(t => t.Id == tokenId && t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken) == 1;
    }

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
