using DailyPapers.Search;

namespace DailyPapers.Tests.Search;

public sealed class SearchParametersTests
{
    [Fact]
    public void EveryFilterAndTheSortAreReadAndWrittenBackInOneOrder()
    {
        Assert.True(SearchParameters.TryParse("graph nets", "2024-01-01", "2024-12-31", ["cs.LG, q-bio", "cs.LG", "math"], "1", "Newest", SearchSort.Relevance, out var parameters, out _));

        Assert.Equal(new DateOnly(2024, 1, 1), parameters.Filters.PublishedFrom);
        Assert.Equal(new DateOnly(2024, 12, 31), parameters.Filters.PublishedTo);
        Assert.Equal(["cs.LG", "q-bio", "math"], parameters.Filters.Categories);
        Assert.True(parameters.Filters.FeaturedOnly);
        Assert.Equal(SearchSort.Newest, parameters.Sort);
        Assert.Equal("q=graph%20nets&from=2024-01-01&to=2024-12-31&cat=cs.LG,q-bio,math&featured=1&sort=newest", parameters.ToQueryString());
        Assert.Equal("q=graph%20nets&from=2024-01-01&to=2024-12-31&cat=cs.LG,q-bio,math&featured=1&sort=upvotes", parameters.ToQueryString(SearchSort.Upvotes));
    }

    [Fact]
    public void EmptyFormFieldsMeanNoFilterAndTheSurfacesOwnDefaultSort()
    {
        Assert.True(SearchParameters.TryParse("x", "", "", [""], "", "", SearchSort.Newest, out var parameters, out _));

        Assert.True(parameters.Filters.IsEmpty);
        Assert.Equal(SearchSort.Newest, parameters.Sort);
        Assert.Equal("q=x", parameters.ToQueryString());
    }

    [Theory]
    [InlineData(null, null, null, null, null, "q")]
    [InlineData("x", "2024-02-30", null, null, null, "from")]
    [InlineData("x", "20240101", null, null, null, "from")]
    [InlineData("x", null, "2024-1-1", null, null, "to")]
    [InlineData("x", "2024-03-01", "2024-02-01", null, null, "from,to")]
    [InlineData("x", null, null, "cs..CL", null, "cat")]
    [InlineData("x", null, null, "<b>", null, "cat")]
    [InlineData("x", null, null, null, "2", "featured")]
    public void MalformedParametersAreNamedWithWhatWasExpected(string? q, string? from, string? to, string? cat, string? featured, string parameter)
    {
        Assert.False(SearchParameters.TryParse(q, from, to, cat is null ? null : [cat], featured, null, SearchSort.Relevance, out _, out var error));

        Assert.Equal(parameter, error.Parameter);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void ASortOutsideTheListAndTooManyCategoriesAreRejected()
    {
        Assert.False(SearchParameters.TryParse("x", null, null, null, null, "trending", SearchSort.Relevance, out _, out var sort));
        Assert.False(SearchParameters.TryParse("x", null, null, [string.Join(',', Enumerable.Range(0, 21).Select(i => "cs" + (char)('a' + i)))], null, null, SearchSort.Relevance, out _, out var many));

        Assert.Equal("sort", sort.Parameter);
        Assert.Equal("cat", many.Parameter);
    }
}
