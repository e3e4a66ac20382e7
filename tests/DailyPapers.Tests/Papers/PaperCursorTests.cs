using DailyPapers.Papers;
using Microsoft.AspNetCore.DataProtection;

namespace DailyPapers.Tests.Papers;

public sealed class PaperCursorTests
{
    private readonly EphemeralDataProtectionProvider _protection = new();

    public static TheoryData<DateTime?, long> Keys => new()
    {
        { new DateTime(2024, 7, 29, 3, 44, 12, DateTimeKind.Utc).AddTicks(1234567), 42L },
        { DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), long.MaxValue },
        { null, 7L },
    };

    [Theory, MemberData(nameof(Keys))]
    public void ACursorRoundTripsItsPositionExactly(DateTime? publishedAt, long id)
    {
        var cursor = PaperCursor.Encode(_protection, new PaperKey(publishedAt, id));

        Assert.True(PaperCursor.TryDecode(_protection, cursor, out var key));
        Assert.Equal(new PaperKey(publishedAt, id), key);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
    }

    [Fact]
    public void ACursorFromAnotherKeyRingOrEditedIsRejected()
    {
        var cursor = PaperCursor.Encode(_protection, new PaperKey(null, 1));
        var edited = cursor[..10] + (cursor[10] == 'x' ? 'y' : 'x') + cursor[11..];

        Assert.False(PaperCursor.TryDecode(new EphemeralDataProtectionProvider(), cursor, out _));
        Assert.False(PaperCursor.TryDecode(_protection, edited, out _));
        Assert.False(PaperCursor.TryDecode(_protection, "", out _));
        Assert.False(PaperCursor.TryDecode(_protection, "not base64url!", out _));
    }
}
