namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>
/// What a test measured (lags, error counts), in its output and, when <c>DAILYPAPERS_CLUSTER_REPORT</c>
/// names a file, appended there too, since a passing test's output is not shown: that is how the
/// figures in docs/deploy.md were collected.
/// </summary>
public static class Measured
{
    private static readonly Lock Gate = new();

    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("DAILYPAPERS_CLUSTER_REPORT") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, $"{TestContext.Current.Test?.TestDisplayName}: {line}{Environment.NewLine}");
            }
        }
    }
}
