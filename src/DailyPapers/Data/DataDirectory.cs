namespace DailyPapers.Data;

/// <summary>
/// The one folder that holds everything a node keeps on disk: the SQLite file, search indexes,
/// the email outbox. Chosen by <c>--data DIR</c>, then <c>DAILYPAPERS_DATA</c>, then the
/// <c>DataDirectory</c> setting, else <c>./data</c>.
/// </summary>
public sealed record DataDirectory(string Path)
{
    public static DataDirectory From(IConfiguration configuration)
    {
        var chosen = configuration["data"]
            ?? configuration["DAILYPAPERS_DATA"]
            ?? configuration["DataDirectory"]
            ?? "data";
        var full = System.IO.Path.GetFullPath(chosen);
        Directory.CreateDirectory(full);
        return new DataDirectory(full);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
