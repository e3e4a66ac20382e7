using System.Buffers.Binary;

namespace DailyPapers.Search;

/// <summary>float32 vectors as stored in <see cref="PaperEmbedding.Vector"/>: little-endian on every platform.</summary>
public static class VectorBytes
{
    public static byte[] FromFloats(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }
        return bytes;
    }

    public static float[] ToFloats(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"A float32 vector cannot be {bytes.Length} bytes long.");
        }
        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
        return vector;
    }
}
