using System.IO.Compression;

namespace DailyPapers.Ingest;

/// <summary>
/// An input file opened for reading: gzip is recognized by its magic bytes and decompressed on the
/// fly, and the compressed bytes read so far are counted for progress.
/// </summary>
public sealed class InputFile : IDisposable
{
    private readonly CountingStream _raw;

    private InputFile(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Length = file.Length;
        _raw = new CountingStream(file);
        Span<byte> magic = stackalloc byte[2];
        IsGzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        Content = IsGzip ? new GZipStream(_raw, CompressionMode.Decompress) : _raw;
    }

    /// <summary>The decompressed content.</summary>
    public Stream Content { get; }

    /// <summary>Whether the file is gzip-compressed (by its magic bytes, not its name).</summary>
    public bool IsGzip { get; }

    /// <summary>Size of the file on disk.</summary>
    public long Length { get; }

    /// <summary>Bytes of the file read so far (safe to read from another thread).</summary>
    public long Position => _raw.Count;

    public static InputFile Open(string path) => new(path);

    /// <summary>The format the content looks like, or null when no registered format recognizes it.</summary>
    public static ImportFormat? DetectFormat(string path)
    {
        using var input = Open(path);
        return ImportFormats.Detect(InputHead.Read(input.Content));
    }

    /// <summary>File names the importer picks up inside a folder (also when gzipped).</summary>
    public static bool LooksImportable(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return Path.GetExtension(name).ToUpperInvariant() is ".JSONL" or ".JSON" or ".NDJSON" or ".XML";
    }

    public void Dispose() => Content.Dispose();

    private sealed class CountingStream(Stream inner) : Stream
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int read)
        {
            Interlocked.Add(ref _count, read);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
