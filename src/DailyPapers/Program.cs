using DailyPapers;
using DailyPapers.Accounts;
using DailyPapers.Api;
using DailyPapers.Cli;
using DailyPapers.Comments;
using DailyPapers.Data;
using DailyPapers.Feed;
using DailyPapers.Health;
using DailyPapers.Ingest;
using DailyPapers.Mail;
using DailyPapers.Moderation;
using DailyPapers.Papers;
using DailyPapers.Search;
using DailyPapers.Web;

// Operator verbs (import, harvest, ...) run without the web server; no verb or `serve` runs the site.
if (CliCommands.IsOperatorVerb(args))
{
    return await CliCommands.RunAsync(args);
}

// Settings files ship beside the executable; the working directory only decides where ./data is.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CliCommands.ServeArguments(args),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddDatabase();
builder.AddIngest();
builder.AddHarvest();
builder.AddWebShell();
builder.AddApi();
builder.AddSearch();
builder.AddMailPages();
builder.AddAccounts();
builder.AddComments();
builder.AddHealth();

var app = builder.Build();
app.UseWebShell();
app.UseAccounts();
app.UsePageCache();
app.MapHealth();
app.MapOpenApi();
var api = app.MapApiGroup();
api.MapDailyPapersApi();
api.MapPapersApi();
api.MapSearchApi();
api.MapSimilarPapersApi();
api.MapAccountsApi();
api.MapSubmitApi();
api.MapVotesApi();
api.MapCommentsApi();
app.MapAtomFeeds();
app.MapFeedPages();
app.MapPaperPages();
app.MapSearchFeed();
app.MapSearchPages();
app.MapPapersRoute();
app.MapMail();
app.MapAccountPages();
app.MapSettingsPages();
app.MapProfilePages();
app.MapVotePages();
app.MapSubmitPages();
app.MapModerationPages();
app.MapCommentPages();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
