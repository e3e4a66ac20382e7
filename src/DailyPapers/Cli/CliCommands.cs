using System.CommandLine;

namespace DailyPapers.Cli;

/// <summary>The operator command line: every verb except <c>serve</c>, which Program.cs runs itself.</summary>
public static partial class CliCommands
{
    /// <summary>A bad command line (unknown option, missing argument): the same code as an unusable input, since nothing ran.</summary>
    public const int CommandLineError = 2;

    /// <summary>
    /// An unhandled exception in any verb: a fault of the program or its environment (a damaged
    /// database, a full disk), never a verdict on the input. 70 is <c>EX_SOFTWARE</c> of sysexits.h,
    /// chosen so that it cannot be mistaken for a verb's own codes (0, 1, 2).
    /// </summary>
    public const int UnexpectedFailure = 70;

    /// <summary>
    /// Another node or process holds the job's lease (the site embedding or harvesting on its
    /// schedule): nothing done, try later. 75 is <c>EX_TEMPFAIL</c> of sysexits.h.
    /// </summary>
    public const int LeaseHeld = 75;

    /// <summary>Interrupted (Ctrl+C): the shell's code for SIGINT.</summary>
    public const int Interrupted = 130;

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
        ["embeddings"] = EmbeddingsCommand.Create,
        ["reindex"] = ReindexCommand.Create,
        ["search"] = SearchCommand.Create,
        ["eval"] = EvalCommand.Create,
        ["config"] = ConfigCommand.Create,
        ["digest"] = DigestCommand.Create,
        ["admin"] = AdminCommand.Create,
        ["status"] = StatusCommand.Create,
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
        var parse = root.Parse(args);
        var verb = args.Length > 0 ? args[0] : "dailypapers";
        try
        {
            // The library's own handler would print the stack trace and exit with 1, which import
            // uses for "some records were skipped"; failures are handled below instead.
            var exitCode = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            return parse.Errors.Count > 0 ? CommandLineError : exitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{verb}: interrupted");
            return Interrupted;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"{verb}: unexpected failure ({exception.GetType().Name}: {FirstLine(exception.Message)}); details follow");
            LogFailure(exception, verb);
            return UnexpectedFailure;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r', '.');

    /// <summary>The whole exception (inner exceptions, stack) through a logger on stderr, for a bug report.</summary>
    private static void LogFailure(Exception exception, string verb)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        UnexpectedFailureLog(loggers.CreateLogger("DailyPapers.Cli"), exception, verb);
    }

    [LoggerMessage(LogLevel.Critical, "dailypapers {Verb} failed with an unhandled exception")]
    private static partial void UnexpectedFailureLog(ILogger logger, Exception exception, string verb);
}
