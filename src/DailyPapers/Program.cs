using DailyPapers.Cli;
using DailyPapers.Data;
using DailyPapers.Ingest;
using DailyPapers.Web;

// Operator verbs (import, harvest, ...) run without the web server; no verb or `serve` runs the site.
if (CliCommands.IsOperatorVerb(args))
{
    return await CliCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(CliCommands.ServeArguments(args));
builder.AddDatabase();
builder.AddIngest();
builder.AddWebShell();

var app = builder.Build();
app.UseWebShell();
app.MapHealth();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
