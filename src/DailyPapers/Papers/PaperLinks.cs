namespace DailyPapers.Papers;

public static class PaperLinks
{
    /// <summary>Site path of a paper's page: <c>/papers/2405.15738</c>, <c>/papers/hep-th/9901001</c> (as on Hugging Face).</summary>
    public static string PagePath(string arxivId) => "/papers/" + arxivId;
}
