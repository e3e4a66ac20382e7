using System.CommandLine;

namespace DailyPapers.Cli;

/// <summary><c>dailypapers import PATH…</c>: loads paper metadata files into the catalog.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (.gz too)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import paper metadata files into the catalog.") { paths };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await Console.Error.WriteLineAsync("import: not built yet");
            return 2;
        });
        return command;
    }
}
