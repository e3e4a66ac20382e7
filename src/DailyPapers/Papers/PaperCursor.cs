using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DailyPapers.Papers;

/// <summary>A position in the newest-first paper list: the key of the last paper of a page.</summary>
public readonly record struct PaperKey(DateTime? PublishedAt, long Id);

/// <summary>
/// The opaque <c>cursor</c> of <c>/api/papers</c>. It is encrypted and authenticated with ASP.NET
/// Data Protection, so clients cannot read or forge positions, and every node that shares the key
/// ring (as it must for sign-in cookies anyway) accepts the cursors of the others.
/// </summary>
public static class PaperCursor
{
    private const string Purpose = "DailyPapers.Papers.ListCursor.v1";
    private const int Length = 1 + sizeof(long) + sizeof(long);

    public static string Encode(IDataProtectionProvider protection, PaperKey key)
    {
        var bytes = new byte[Length];
        bytes[0] = key.PublishedAt is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), key.PublishedAt?.Ticks ?? 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1 + sizeof(long)), key.Id);
        return Base64Url.EncodeToString(protection.CreateProtector(Purpose).Protect(bytes));
    }

    public static bool TryDecode(IDataProtectionProvider protection, string text, [NotNullWhen(true)] out PaperKey? key)
    {
        key = null;
        byte[] bytes;
        try
        {
            bytes = protection.CreateProtector(Purpose).Unprotect(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
        if (bytes.Length != Length || bytes[0] > 1)
        {
            return false;
        }
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1 + sizeof(long)));
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        key = new PaperKey(bytes[0] == 1 ? new DateTime(ticks, DateTimeKind.Utc) : null, id);
        return true;
    }
}
