using System.Diagnostics;

namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>Polls until a condition holds and says how long it took: the freshness the tests measure.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> WithinAsync(TimeSpan bound, Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return started.Elapsed;
            }
            Assert.True(started.Elapsed < bound, $"{what}: not seen within {bound.TotalSeconds:F0} s");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
