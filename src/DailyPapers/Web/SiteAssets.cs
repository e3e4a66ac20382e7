using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace DailyPapers.Web;

/// <summary>
/// The static files (<c>wwwroot/</c>, embedded in the executable so that it runs from any working
/// directory) and the addresses the layout links them by, with a content hash
/// (<c>/site.css?v=1a2b3c4d5e6f</c>) so browsers may keep them for a year and still see a new
/// version at once.
/// </summary>
public static class SiteAssets
{
    public static readonly IFileProvider Files = new EmbeddedFileProvider(typeof(SiteAssets).Assembly, "DailyPapers.wwwroot");

    public static string Stylesheet { get; } = Versioned("site.css");

    /// <summary>Keeps the reader on the page when subscribing (the box works without it).</summary>
    public static string SubscribeScript { get; } = Versioned("subscribe.js");

    /// <summary>Upvotes in place (the buttons are forms that work without it).</summary>
    public static string VoteScript { get; } = Versioned("vote.js");

    /// <summary>Renders the math in titles and abstracts; it fetches KaTeX (below) only for pages that have some.</summary>
    public static string MathScript { get; } = Versioned("math.js");

    /// <summary>
    /// KaTeX as vendored (<c>vendor/katex/VERSION</c>). Its stylesheet links each font with the
    /// font's own content hash (scripts/vendor-katex.sh writes them), so the fonts are cached for a
    /// year like everything else here.
    /// </summary>
    public static string KatexScript { get; } = Versioned("vendor/katex/katex.min.js");

    public static string KatexStylesheet { get; } = Versioned("vendor/katex/katex.min.css");

    public static void MarkImmutable(StaticFileResponseContext context)
    {
        if (context.Context.Request.Query.ContainsKey("v"))
        {
            context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        }
    }

    private static string Versioned(string path)
    {
        var file = Files.GetFileInfo(path);
        if (!file.Exists)
        {
            return "/" + path;
        }
        using var stream = file.CreateReadStream();
        return $"/{path}?v={Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}";
    }
}
