using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DailyPapers.Search;

namespace DailyPapers.Cli;

/// <summary><c>dailypapers search "query" [--limit N] [--sort relevance|newest|upvotes] [--json]</c>: the site's search, from the shell.</summary>
public static class SearchCommand
{
    /// <summary>A one-shot process loads the model first (~2 s), so it waits longer than the site does.</summary>
    private static readonly TimeSpan EmbeddingBudget = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to look for: words, a title, or an arXiv id" };
        var limit = new Option<int>("--limit") { Description = "How many results (1-1000)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var sort = new Option<SearchSort>("--sort") { Description = "Order of the results: relevance (default), newest or upvotes" };
        var command = new Command("search", "Search the catalog (hybrid keyword + semantic).") { query, limit, sort, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new SearchRequest(parse.GetValue(query) ?? "") { PageSize = parse.GetValue(limit), Sort = parse.GetValue(sort), EmbeddingBudget = EmbeddingBudget };
            if (request.Validate() is { } problem)
            {
                await Console.Error.WriteLineAsync("search: " + problem);
                return 2;
            }
            using var host = await CliHost.StartAsync(parse.GetValue(CliCommands.DataOption), cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SearchIndexes>().CatchUpAsync(cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(request, cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(ToJson(result)) : ToText(result));
            return 0;
        });
        return command;
    }

    private static object ToJson(SearchResult result) => new
    {
        mode = result.Mode,
        reason = result.Reason,
        notYetIndexed = result.PapersNotYetIndexed,
        notYetEmbedded = result.PapersNotYetEmbedded,
        total = result.Total,
        totalIsLowerBound = result.TotalIsLowerBound,
        hits = result.Hits.Select(h => new
        {
            id = h.Paper.ArxivId,
            title = h.Paper.Title,
            authors = h.Paper.AuthorNames,
            publishedAt = h.Paper.PublishedAt,
            score = Math.Round(h.Score, 6),
            exact = h.Exact,
            keywordRank = h.KeywordRank,
            denseRank = h.DenseRank,
        }),
    };

    private static string ToText(SearchResult result)
    {
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{result.Total}{(result.TotalIsLowerBound ? "+" : "")} results ({result.Mode}){(result.Reason is null ? "" : ": " + result.Reason)}") };
        if (result.PapersNotYetIndexed > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{result.PapersNotYetIndexed} added or updated papers are not indexed yet (the site's index job adds them on its next round)."));
        }
        if (result.PapersNotYetEmbedded > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{result.PapersNotYetEmbedded} papers are not embedded yet: only their words can match (`dailypapers embed` makes the rest)."));
        }
        var rank = result.Page * result.PageSize;
        foreach (var hit in result.Hits)
        {
            var why = hit.Exact ? "exact" : $"bm25 #{hit.KeywordRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}, dense #{hit.DenseRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{++rank,4}. {hit.Paper.ArxivId,-16} {hit.Paper.Title} [{why}]"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
