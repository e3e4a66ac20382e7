using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace DailyPapers.Mail;

/// <summary>What a signed link may do; part of the signed bytes, so a token for one cannot serve another.</summary>
public enum LinkPurpose : byte
{
    Confirm = 1,
    Preferences = 2,
    Unsubscribe = 3,
}

/// <summary>A token that verified: whose it is, at which generation.</summary>
public readonly record struct LinkClaim(LinkPurpose Purpose, long SubscriptionId, int Generation);

public enum LinkCheck
{
    Valid,

    /// <summary>Not a token we signed (changed, truncated, made up, or for another purpose): 400.</summary>
    Invalid,

    /// <summary>Signed by us but past its expiry: 410.</summary>
    Expired,
}

/// <summary>
/// Opaque signed tokens for the links in emails: version, purpose, subscription id, token
/// generation and expiry (0 = never), then HMAC-SHA256 over those bytes with the site's shared key,
/// all base64url. Checked in constant time. The generation lets a link die without a table of
/// issued tokens: raising the subscription's generation revokes every older link.
/// </summary>
public sealed class SignedLinks(SiteSecrets secrets, TimeProvider clock)
{
    /// <summary>Confirmation links expire (RFC-less but common practice: a week to click).</summary>
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    private const byte Version = 1;
    private const int PayloadLength = 1 + 1 + 8 + 4 + 8;
    private const int MacLength = 32;

    public async Task<string> CreateAsync(LinkPurpose purpose, Subscription subscription, CancellationToken cancellationToken)
    {
        var expires = purpose == LinkPurpose.Confirm ? clock.GetUtcNow().Add(ConfirmLifetime).ToUnixTimeSeconds() : 0;
        var token = new byte[PayloadLength + MacLength];
        token[0] = Version;
        token[1] = (byte)purpose;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(2), subscription.Id);
        BinaryPrimitives.WriteInt32BigEndian(token.AsSpan(10), subscription.TokenGeneration);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(14), expires);
        var key = await secrets.GetAsync(SiteSecrets.LinkSigningKey, cancellationToken);
        HMACSHA256.HashData(key, token.AsSpan(0, PayloadLength), token.AsSpan(PayloadLength));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Checks the signature, purpose and expiry; the caller still checks the subscription and its generation.</summary>
    public async Task<(LinkCheck Check, LinkClaim Claim)> CheckAsync(string? token, LinkPurpose purpose, CancellationToken cancellationToken)
    {
        var bytes = new byte[PayloadLength + MacLength];
        // Base64Url.TryDecodeFromChars throws (not false) on characters outside the alphabet, so those are refused first.
        if (token is null || token.Length != Base64Url.GetEncodedLength(bytes.Length)
            || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != bytes.Length
            || !string.Equals(Base64Url.EncodeToString(bytes), token, StringComparison.Ordinal))
        {
            return (LinkCheck.Invalid, default);
        }
        var key = await secrets.GetAsync(SiteSecrets.LinkSigningKey, cancellationToken);
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, bytes.AsSpan(0, PayloadLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadLength)) || bytes[0] != Version || bytes[1] != (byte)purpose)
        {
            return (LinkCheck.Invalid, default);
        }
        var claim = new LinkClaim(purpose, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(2)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(10)));
        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(14));
        if (expires != 0 && clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return (LinkCheck.Expired, claim);
        }
        return (LinkCheck.Valid, claim);
    }
}
