using System.CommandLine;

namespace DailyPapers.Cli;

/// <summary>The operator command line: every verb except <c>serve</c>, which Program.cs runs itself.</summary>
public static class CliCommands
{
    /// <summary><c>--data DIR</c>: the data directory, as for <c>serve</c>.</summary>
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Data directory (database, indexes, outbox). Default: $DAILYPAPERS_DATA or ./data",
        Recursive = true,
    };

    private static readonly Dictionary<string, Func<Command>> Verbs = new(StringComparer.Ordinal)
    {
        ["import"] = ImportCommand.Create,
        ["harvest"] = HarvestCommand.Create,
        ["embed"] = EmbedCommand.Create,
        ["reindex"] = ReindexCommand.Create,
        ["search"] = SearchCommand.Create,
        ["eval"] = EvalCommand.Create,
    };

    public static bool IsOperatorVerb(string[] args) =>
        args.Length > 0 && (Verbs.ContainsKey(args[0]) || args[0] is "--help" or "-h" or "help" or "--version");

    /// <summary>Arguments for the web host: a leading <c>serve</c> is dropped, the rest are configuration.</summary>
    public static string[] ServeArguments(string[] args) =>
        args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("DailyPapers: the daily research-paper feed. Without a verb, serves the site.");
        root.Options.Add(DataOption);
        root.Subcommands.Add(new Command("serve", "Run the web site (the default). Takes --urls and --data."));
        foreach (var create in Verbs.Values)
        {
            root.Subcommands.Add(create());
        }
        return await root.Parse(args).InvokeAsync();
    }
}
