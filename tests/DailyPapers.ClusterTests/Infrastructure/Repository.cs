namespace DailyPapers.ClusterTests.Infrastructure;

public static class Repository
{
    /// <summary>The checkout: the folder with the tool manifest, above the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "dotnet-tools.json")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("dotnet-tools.json not found above " + AppContext.BaseDirectory);
    }
}
