namespace DailyPapers.ClusterTests.Infrastructure;

/// <summary>
/// What the cluster needs from the machine. Missing pieces fail the lane under <c>CI=true</c> (so a
/// green CI run cannot hide an unrun lane) and skip it locally, with the way to get them.
/// </summary>
public static class Prerequisites
{
    private static readonly (string Path, string Package)[] Needed =
    [
        ("/usr/lib/postgresql/15/bin/initdb", "postgresql-15"),
        ("/usr/sbin/nginx", "nginx"),
        ("/usr/bin/curl", "curl"),
        ("/usr/bin/sqlite3", "sqlite3"),
    ];

    public static string? Missing()
    {
        var missing = Needed.Where(n => !File.Exists(n.Path)).Select(n => n.Package).ToList();
        return missing.Count == 0
            ? null
            : $"Cluster tests need {string.Join(", ", missing)} (apt-get install {string.Join(' ', missing)}, or run `make test`, which installs them).";
    }

    /// <summary>Skips locally and fails under CI when something is missing.</summary>
    public static void Require()
    {
        if (Missing() is not { } message)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }
        Assert.Skip(message);
    }
}
