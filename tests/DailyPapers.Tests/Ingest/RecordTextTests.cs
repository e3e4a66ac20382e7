using DailyPapers.Ingest;

namespace DailyPapers.Tests.Ingest;

public sealed class RecordTextTests
{
    [Theory]
    [InlineData("cs.LG,cs.AI,cs.CV,stat.ML,68T45, 62H30,I.5.3; I.2.10", "cs.LG cs.AI cs.CV stat.ML")]
    [InlineData("cond-mat.mtrl-sci,physics.atom-ph,hep-th,math-ph,q-bio.NC", "cond-mat.mtrl-sci physics.atom-ph hep-th math-ph q-bio.NC")]
    [InlineData("cs.CV,cs.AI,cs.LG,na", "cs.CV cs.AI cs.LG")]
    [InlineData("I.2.7,68T50,F.2.2; I.2.7", "")]
    [InlineData("cs.CL,cs.CL, cs.AI ", "cs.CL cs.AI")]
    [InlineData("supr-con,chao-dyn,astro-ph.CO", "supr-con chao-dyn astro-ph.CO")]
    public void CategoriesKeepArxivCategoriesInOrderAndDropClassificationCodes(string raw, string expected)
    {
        var kept = RecordText.Categories(raw.Split(','));
        Assert.Equal(expected, kept is null ? "" : string.Join(' ', kept));
    }
}
