using AngleSharp.Html.Parser;
using DailyPapers.Comments;

namespace DailyPapers.Tests.Comments;

/// <summary>What members' Markdown turns into: the formatting it promises, and nothing that can run, load or point anywhere but the web and mail.</summary>
public sealed class CommentMarkdownTests
{
    private static readonly string[] AllowedTags = ["P", "BR", "STRONG", "EM", "DEL", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI", "A", "HR"];

    public static TheoryData<string> Hostile =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](&#x6A;avascript&colon;alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](data:text/html,<script>alert(1)</script>)",
        "![x](javascript:alert(1))",
        "![x](https://tracker.example/pixel.gif)",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x](https://example.org \"title\" onmouseover=\"alert(1))",
        "[x](https://example.org\" onmouseover=\"alert(1))",
        "<https://example.org/\"onmouseover=\"alert(1)>",
        "<javascript:alert(1)>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "``` html\n<script>alert(1)</script>\n```",
        "`<script>alert(1)</script>`",
        "[a]: javascript:alert(1)\n\n[click][a]",
        "<!-- <script>alert(1)</script> -->",
        "<form action=/settings/delete method=post><button>win</button></form>",
        "[home](/settings/delete)",
        "[proto](//evil.example/)",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "> <a href=javascript:alert(1)>quoted</a>",
        "* <b onclick=alert(1)>item</b>",
        "# Heading <script>alert(1)</script>",
    ];

    [Theory, MemberData(nameof(Hostile))]
    public void HostileInputComesOutAsInertMarkup(string markdown)
    {
        var html = CommentMarkdown.ToHtml(markdown);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");

        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(element.TagName, AllowedTags);
            foreach (var attribute in element.Attributes)
            {
                Assert.True(attribute.Name is "href" or "rel" or "start", $"attribute {attribute.Name} in {html}");
            }
        }
        foreach (var link in document.Body.QuerySelectorAll("a"))
        {
            Assert.Equal(CommentMarkdown.LinkRel, link.GetAttribute("rel"));
            if (link.GetAttribute("href") is { } href)
            {
                var uri = new Uri(href, UriKind.Absolute);
                Assert.Contains(uri.Scheme, new[] { "http", "https", "mailto" });
            }
        }
        // Hostile text may remain, as text the reader sees; never as markup.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(document.Body.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            attribute => Assert.DoesNotContain("script", attribute.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RawHtmlIsShownAsTheTextTheMemberTyped()
    {
        var html = CommentMarkdown.ToHtml("<script>alert(1)</script> and <b>bold</b>");

        var text = new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.TextContent;
        Assert.Equal("<script>alert(1)</script> and <b>bold</b>", text.Trim());
    }

    [Theory]
    [InlineData("**strong** and *em* and ~~gone~~", "<p><strong>strong</strong> and <em>em</em> and <del>gone</del></p>")]
    [InlineData("`x < y`", "<p><code>x &lt; y</code></p>")]
    [InlineData("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>")]
    [InlineData("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>")]
    [InlineData("# Not a heading", "<p>Not a heading</p>")]
    [InlineData("[docs](https://example.org/a?b=1&c=2)", "<p><a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">docs</a></p>")]
    [InlineData("see https://example.org", "<p>see <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">https://example.org</a></p>")]
    [InlineData("[mail](mailto:ada@example.org)", "<p><a href=\"mailto:ada@example.org\" rel=\"nofollow ugc noopener\">mail</a></p>")]
    [InlineData("![a chart](https://example.org/chart.png)", "<p><a href=\"https://example.org/chart.png\" rel=\"nofollow ugc noopener\">a chart</a></p>")]
    [InlineData("[bad](javascript:alert(1))", "<p><a rel=\"nofollow ugc noopener\">bad</a></p>")]
    [InlineData("[here](/settings)", "<p><a rel=\"nofollow ugc noopener\">here</a></p>")]
    public void MarkdownKeepsTheFormattingItPromises(string markdown, string expected) =>
        Assert.Equal(expected, CommentMarkdown.ToHtml(markdown).Trim());
}
