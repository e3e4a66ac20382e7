using System.Text;
using DailyPapers.Web;

namespace DailyPapers.Tests.Web;

public sealed class MarkerReplacingStreamTests
{
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes("<!--hole-->");

    [Theory]
    [InlineData("<p>no marker here</p>", "<p>no marker here</p>")]
    [InlineData("<form><!--hole--></form>", "<form>TOKEN</form>")]
    [InlineData("<!--hole-->", "TOKEN")]
    [InlineData("a<!--hole-->b<!--hole-->c", "aTOKENbTOKENc")]
    [InlineData("<!--hol", "<!--hol")]
    [InlineData("<!--hole<!--hole-->", "<!--holeTOKEN")]
    [InlineData("<<!--hole-->>", "<TOKEN>")]
    [InlineData("ends with <", "ends with <")]
    public async Task MarkersAreReplacedWhereverTheWritesAreSplit(string input, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var split = 0; split <= bytes.Length; split++)
        {
            for (var second = split; second <= bytes.Length; second++)
            {
                Assert.Equal(expected, await WriteInPiecesAsync(bytes, [split, second]));
            }
        }
    }

    [Fact]
    public async Task ByteByByteWritesStillFindTheMarker()
    {
        var bytes = Encoding.UTF8.GetBytes("x<!--hole-->y<!--hole-->");
        Assert.Equal("xTOKENyTOKEN", await WriteInPiecesAsync(bytes, [.. Enumerable.Range(1, bytes.Length - 1)]));
    }

    [Fact]
    public void SynchronousWritesBehaveTheSame()
    {
        using var output = new MemoryStream();
        using var stream = new MarkerReplacingStream(output, Marker, () => Encoding.UTF8.GetBytes("TOKEN"));
        stream.Write(Encoding.UTF8.GetBytes("a<!--ho"));
        stream.Write(Encoding.UTF8.GetBytes("le-->b"));
        Assert.Equal("aTOKENb", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task WithoutAReplacementEverythingPassesThroughUntouched()
    {
        using var output = new MemoryStream();
        var asked = 0;
        await using var stream = new MarkerReplacingStream(output, Marker, () => { asked++; return null; });
        await stream.WriteAsync(Encoding.UTF8.GetBytes("a<!--hole-->b<!--ho"), TestContext.Current.CancellationToken);
        await stream.FinishAsync(TestContext.Current.CancellationToken);
        Assert.Equal("a<!--hole-->b<!--ho", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task TheReplacementIsAskedForBeforeAnythingReachesTheInnerStream()
    {
        using var output = new MemoryStream();
        var lengthWhenAsked = -1L;
        await using var stream = new MarkerReplacingStream(output, Marker, () => { lengthWhenAsked = output.Length; return [1]; });
        await stream.FlushAsync(TestContext.Current.CancellationToken);
        await stream.WriteAsync(Encoding.UTF8.GetBytes("abc"), TestContext.Current.CancellationToken);
        Assert.Equal(0, lengthWhenAsked);
    }

    private static async Task<string> WriteInPiecesAsync(byte[] bytes, int[] cuts)
    {
        using var output = new MemoryStream();
        await using var stream = new MarkerReplacingStream(output, Marker, () => Encoding.UTF8.GetBytes("TOKEN"));
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            await stream.WriteAsync(bytes.AsMemory(start, cut - start), TestContext.Current.CancellationToken);
            start = cut;
        }
        await stream.FinishAsync(TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
