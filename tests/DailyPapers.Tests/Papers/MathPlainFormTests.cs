using DailyPapers.Tests.Infrastructure;
using static DailyPapers.Tests.Infrastructure.AtomDocument;

namespace DailyPapers.Tests.Papers;

/// <summary>Where a title or abstract with math goes as stored (the page, for its script; the API) and where as plain text.</summary>
public sealed class MathPlainFormTests
{
    private const string Title = @"$\textit{Trans-LoRA}$: towards data-free Transferable Parameter Efficient Finetuning";
    private const string Abstract = @"We route the top-$K$ of $N$ experts in $\mathcal{O}(N^2)$ time.";
    private static readonly DateOnly Jul29 = new(2024, 7, 29);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePageAndTheApiKeepTheLatexWhileTheTitleTagDescriptionAndAtomGetThePlainForm()
    {
        await using var app = await AppFactory.CreateAsync(Lane.Sqlite);
        await app.SeedAsync(new SeedPaper("2405.17258", Title) { Abstract = Abstract }.On(Jul29));
        var client = app.CreateClient();

        var (_, page) = await HtmlPage.GetAsync(client, "/papers/2405.17258");
        Assert.Equal(Title, page.QuerySelector("h1[data-math]")!.Text());
        Assert.Equal(Abstract, page.QuerySelector(".abstract[data-math]")!.Text());
        Assert.Equal("Trans-LoRA: towards data-free Transferable Parameter Efficient Finetuning · DailyPapers", page.Title);
        Assert.Equal("We route the top-K of N experts in O(N²) time.", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));

        var (_, day) = await HtmlPage.GetAsync(client, "/papers/date/2024-07-29");
        Assert.Equal(Title, day.QuerySelector(".card-title a[data-math]")!.Text());
        Assert.EndsWith("Top: Trans-LoRA: towards data-free Transferable Parameter Efficient Finetuning", day.QuerySelector("meta[name=description]")!.GetAttribute("content"), StringComparison.Ordinal);

        var (_, api) = await client.GetJsonAsync("/api/papers/2405.17258");
        Assert.Equal(Title, api.GetProperty("title").GetString());
        Assert.Equal(Abstract, api.GetProperty("summary").GetString());

        var entry = Assert.Single((await ReadValidAsync(await client.GetAsync("/papers/date/2024-07-29.atom", Ct))).Entries());
        Assert.Equal("Trans-LoRA: towards data-free Transferable Parameter Efficient Finetuning", entry.Text("title"));
        Assert.Equal("We route the top-K of N experts in O(N²) time.", entry.Text("summary"));
    }
}
