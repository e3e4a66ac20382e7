using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;

namespace DailyPapers.Tests.Search;

/// <summary>A query that is an author's whole name puts that author's papers first, in any order of the names and with or without diacritics.</summary>
public sealed class AuthorQueryTests
{
    [Theory]
    [InlineData("Jürgen Schmidhuber", "jurgen schmidhuber")]
    [InlineData("Schmidhuber, Jurgen", "jurgen schmidhuber")]
    [InlineData("  JURGEN   schmidhuber ", "jurgen schmidhuber")]
    [InlineData("Kaiming He", "he kaiming")]
    [InlineData("Zoë Ĳsselmuiden-Ørsted", "ijsselmuiden orsted zoe")]
    [InlineData("Bengio", "")]
    [InlineData("\uFFFE", "")]
    [InlineData("", "")]
    public void AuthorKeysIgnoreOrderCaseDiacriticsAndPunctuation(string name, string expected)
    {
        Assert.Equal(expected, KeywordIndex.AuthorKey(name));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AnAuthorsNameInAnyOrderFindsTheirPapersFirst(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(
            SearchApp.Paper("2403.00001", "Long Short-Term Memory Revisited", "Recurrent networks with gated memory cells.", "cs.LG", 5, "Jürgen Schmidhuber", "Sepp Hochreiter"),
            SearchApp.Paper("2403.00002", "World Models for Reinforcement Learning", "Agents learn a model of their world.", "cs.LG", 3, "David Ha", "Jürgen Schmidhuber"),
            SearchApp.Paper("2403.00003", "A History of Deep Learning by Schmidhuber's Critics", "Jurgen and schmidhuber are words in this abstract: Jurgen Schmidhuber wrote none of it.", "cs.LG", 90, "Ann Critic"),
            SearchApp.Paper("2403.00004", "Residual Learning for Image Recognition", "Deep residual networks.", "cs.CV", 50, "Kaiming He"));
        await app.CatchUpAsync();

        foreach (var query in new[] { "Jurgen Schmidhuber", "Schmidhuber Jürgen", "schmidhuber, jurgen" })
        {
            var result = await app.SearchAsync(query, SearchMode.Keyword);
            Assert.Equal(["2403.00001", "2403.00002"], SearchApp.Ids(result).Take(2).Order());
            Assert.All(result.Hits.Take(2), hit => Assert.True(hit.Exact));
            // The critics' paper has the words (a result when it covers enough of the query), never as an exact answer.
            Assert.DoesNotContain(result.Hits, h => h.Paper.ArxivId == "2403.00003" && h.Exact);
        }
        Assert.Equal("2403.00004", SearchApp.Ids(await app.SearchAsync("He Kaiming", SearchMode.Keyword))[0]);
    }
}
