using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace DailyPapers.Search;

/// <summary>
/// The two USearch settings the .NET binding does not expose, set through the native library on the
/// binding's own handle.
/// <list type="bullet">
/// <item>Capacity: USearch's native add is safe from several threads at once (each takes one of the
/// per-thread contexts that reserving allocates), but the binding only reserves inside its own add,
/// a check-then-grow that is not. Reserving once up front makes every later add skip that step, so a
/// large batch can be inserted from all cores: building the graph is the slowest part of indexing 1M papers.</item>
/// <item>Expansion on add (efConstruction): the binding sets it only when it creates an index; a
/// loaded file comes back with the library's default instead of the configured value.</item>
/// </list>
/// </summary>
internal static class HnswNative
{
    // The binding keeps the native handle private; without it, inserts stay on one thread.
    private static readonly FieldInfo? NativeHandle = typeof(USearchIndex).GetField("_index", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>Reserves room for <paramref name="capacity"/> vectors; false when the handle is not reachable.</summary>
    public static bool TryReserve(USearchIndex index, ulong capacity)
    {
        if (Handle(index) is not { } handle)
        {
            return false;
        }
        if (index.Capacity() >= capacity)
        {
            return true;
        }
        usearch_reserve(handle, (nuint)capacity, out var error);
        ThrowIfFailed(error, "Reserving vector index capacity");
        return true;
    }

    /// <summary>Sets how many candidates an insert explores; false when the handle is not reachable.</summary>
    public static bool TrySetExpansionAdd(USearchIndex index, int expansion)
    {
        if (Handle(index) is not { } handle)
        {
            return false;
        }
        usearch_change_expansion_add(handle, (nuint)expansion, out var error);
        ThrowIfFailed(error, "Setting the vector index's expansion on add");
        return true;
    }

    /// <summary>How many candidates an insert explores, or null when the handle is not reachable.</summary>
    public static int? ExpansionAdd(USearchIndex index)
    {
        if (Handle(index) is not { } handle)
        {
            return null;
        }
        var expansion = usearch_expansion_add(handle, out var error);
        ThrowIfFailed(error, "Reading the vector index's expansion on add");
        return (int)expansion;
    }

    private static nint? Handle(USearchIndex index) =>
        NativeHandle?.GetValue(index) is nint handle && handle != 0 ? handle : null;

    private static void ThrowIfFailed(nint error, string what)
    {
        if (error != 0)
        {
            throw new USearchException($"{what} failed: {Marshal.PtrToStringUTF8(error)}");
        }
    }

    [DllImport("libusearch_c", CallingConvention = CallingConvention.Cdecl)]
    private static extern void usearch_reserve(nint index, nuint capacity, out nint error);

    [DllImport("libusearch_c", CallingConvention = CallingConvention.Cdecl)]
    private static extern void usearch_change_expansion_add(nint index, nuint expansion, out nint error);

    [DllImport("libusearch_c", CallingConvention = CallingConvention.Cdecl)]
    private static extern nuint usearch_expansion_add(nint index, out nint error);
}
