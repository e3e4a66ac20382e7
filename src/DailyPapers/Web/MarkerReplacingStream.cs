namespace DailyPapers.Web;

/// <summary>
/// Writes through to an inner stream, replacing every occurrence of a fixed byte marker. The
/// replacement is asked for once, just before the first byte or flush reaches the inner stream,
/// while response headers can still change; returning null there turns the stream into a plain
/// pass-through. A marker split across two writes is still found: a tail that could start a
/// marker is held back until the next write or <see cref="FinishAsync"/>.
/// </summary>
public sealed class MarkerReplacingStream(Stream inner, byte[] marker, Func<byte[]?> replacementOnStart) : Stream
{
    private readonly byte[] _held = new byte[Math.Max(0, marker.Length - 1)];
    private int _heldCount;
    private bool _started;
    private byte[]? _replacement;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Start();
        if (_replacement is null)
        {
            inner.Write(buffer);
            return;
        }
        var data = _heldCount == 0 ? buffer : TakeHeld(buffer).Span;
        int found;
        while ((found = data.IndexOf(marker)) >= 0)
        {
            inner.Write(data[..found]);
            inner.Write(_replacement);
            data = data[(found + marker.Length)..];
        }
        var keep = PartialMarkerAtEnd(data);
        inner.Write(data[..^keep]);
        Hold(data[^keep..]);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Start();
        if (_replacement is null)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        var data = _heldCount == 0 ? buffer : TakeHeld(buffer.Span);
        int found;
        while ((found = data.Span.IndexOf(marker)) >= 0)
        {
            await inner.WriteAsync(data[..found], cancellationToken);
            await inner.WriteAsync(_replacement, cancellationToken);
            data = data[(found + marker.Length)..];
        }
        var keep = PartialMarkerAtEnd(data.Span);
        await inner.WriteAsync(data[..^keep], cancellationToken);
        Hold(data.Span[^keep..]);
    }

    public override void Flush()
    {
        Start();
        inner.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Start();
        return inner.FlushAsync(cancellationToken);
    }

    /// <summary>Writes out a held tail that turned out not to be a marker. Call once the body is complete.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_heldCount > 0)
        {
            await inner.WriteAsync(_held.AsMemory(0, _heldCount), cancellationToken);
            _heldCount = 0;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            _replacement = replacementOnStart();
        }
    }

    /// <summary>The bytes to scan when the previous write held a tail back (rare): that tail, then this write.</summary>
    private ReadOnlyMemory<byte> TakeHeld(ReadOnlySpan<byte> buffer)
    {
        var data = new byte[_heldCount + buffer.Length];
        _held.AsSpan(0, _heldCount).CopyTo(data);
        buffer.CopyTo(data.AsSpan(_heldCount));
        _heldCount = 0;
        return data;
    }

    private void Hold(ReadOnlySpan<byte> tail)
    {
        tail.CopyTo(_held);
        _heldCount = tail.Length;
    }

    /// <summary>Length of the longest proper prefix of the marker that <paramref name="data"/> ends with.</summary>
    private int PartialMarkerAtEnd(ReadOnlySpan<byte> data)
    {
        for (var length = Math.Min(_held.Length, data.Length); length > 0; length--)
        {
            if (data[^length..].SequenceEqual(marker.AsSpan(0, length)))
            {
                return length;
            }
        }
        return 0;
    }
}
