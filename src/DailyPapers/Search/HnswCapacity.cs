using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace DailyPapers.Search;

/// <summary>
/// Reserves room in a USearch index ahead of concurrent inserts. USearch's native add is safe from
/// several threads at once (each takes one of the per-thread contexts that reserving allocates), but
/// the .NET binding only reserves inside its own add, a check-then-grow that is not. Reserving once
/// up front makes every later add skip that step, so a large batch can be inserted from all cores:
/// building the HNSW graph is the slowest part of indexing 1M papers.
/// </summary>
internal static class HnswCapacity
{
    // The binding keeps the native handle private; without it, inserts stay on one thread.
    private static readonly FieldInfo? NativeHandle = typeof(USearchIndex).GetField("_index", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>Reserves room for <paramref name="capacity"/> vectors; false when the handle is not reachable.</summary>
    public static bool TryReserve(USearchIndex index, ulong capacity)
    {
        if (NativeHandle?.GetValue(index) is not nint handle || handle == 0)
        {
            return false;
        }
        if (index.Capacity() >= capacity)
        {
            return true;
        }
        usearch_reserve(handle, (nuint)capacity, out var error);
        if (error != 0)
        {
            throw new USearchException("Reserving vector index capacity failed: " + Marshal.PtrToStringUTF8(error));
        }
        return true;
    }

    [DllImport("libusearch_c", CallingConvention = CallingConvention.Cdecl)]
    private static extern void usearch_reserve(nint index, nuint capacity, out nint error);
}
