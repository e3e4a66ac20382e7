using System.Globalization;
using CsCheck;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// Runs a generator a fixed number of times from a fixed seed, so every run tries the same inputs
/// and a failure reproduces. CsCheck's own <c>Sample</c> fixes only its first iteration's seed, so
/// the cases are drawn here, case <c>i</c> from <c>PCG(stream, seed + i)</c>. The seed and the case
/// count can be raised from the environment to fuzz longer (<c>DAILYPAPERS_FUZZ_SEED</c>,
/// <c>DAILYPAPERS_FUZZ_SCALE</c>); a failure names both, and the case, so it reruns exactly.
/// </summary>
internal static class FuzzRun
{
    public const ulong DefaultSeed = 9_2025;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("DAILYPAPERS_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;

    /// <summary>Multiplies every test's case count (default 1: a few seconds per test).</summary>
    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("DAILYPAPERS_FUZZ_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1;

    /// <summary>
    /// Draws <paramref name="cases"/> values and checks each. <paramref name="stream"/> separates
    /// tests (and formats) that share the seed, so they do not all try the same values.
    /// </summary>
    public static async Task CasesAsync<T>(string what, uint stream, Gen<T> gen, int cases, Func<T, int, Task> check, Func<T, string>? describe = null)
    {
        var seed = Seed;
        for (var i = 0; i < cases * Scale; i++)
        {
            var value = gen.Generate(new PCG(stream, seed + (ulong)i), null, out _);
            try
            {
                await check(value, i);
            }
            catch (Exception exception)
            {
                throw new FuzzCaseFailedException(
                    $"{what}: case {i} failed (DAILYPAPERS_FUZZ_SEED={seed}, stream {stream}; rerun with the same seed to reproduce)" +
                    (describe is null ? "" : ": " + describe(value)), exception);
            }
        }
    }

    public static Task CasesAsync<T>(string what, uint stream, Gen<T> gen, int cases, Action<T, int> check, Func<T, string>? describe = null) =>
        CasesAsync(what, stream, gen, cases, (value, i) =>
        {
            check(value, i);
            return Task.CompletedTask;
        }, describe);

    /// <summary>A stable stream number for a name (a format), so adding a format leaves the others' cases alone.</summary>
    public static uint StreamOf(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash & 0x7fff_ffff;
    }

    /// <summary>Keeps an input that made a check fail, so it can be looked at and replayed by hand.</summary>
    public static string Keep(string fileName, byte[] content)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dailypapers-fuzz");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N")[..8] + "-" + Path.GetFileName(fileName));
        File.WriteAllBytes(path, content);
        return path;
    }
}

public sealed class FuzzCaseFailedException(string message, Exception inner) : Exception(message + Environment.NewLine + inner.Message, inner);

/// <summary>CsCheck's <c>OneOf</c> over generators, without the overload that would take the generators themselves as constants.</summary>
internal static class Gens
{
    public static Gen<T> Either<T>(params Gen<T>[] gens) => Gen.OneOf<T>([.. gens.Cast<IGen<T>>()]);
}
