using Ganss.Xss;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DailyPapers.Comments;

/// <summary>
/// The one way members' Markdown becomes HTML, behind two walls. First Markdig with raw HTML
/// turned off, so a tag typed into a comment comes out as text; images become links (no third-party
/// pixel sees the readers) and headings paragraphs (a comment must not add to the page's outline).
/// Then an HTML sanitizer with a small allow-list, in case Markdig ever emits something it should
/// not: anything not on the list goes, and links keep only absolute http, https and mailto
/// addresses and get <c>rel="nofollow ugc noopener"</c>.
/// </summary>
public static class CommentMarkdown
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly string[] LinkSchemes = ["http", "https", "mailto"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Safe HTML for <paramref name="markdown"/>; the only source of <c>MarkupString</c>s of user text (<c>CommentBody.razor</c>).</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        Tame(document);
        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    private static void Tame(MarkdownDocument document)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage))
        {
            image.IsImage = false;
        }
        foreach (var heading in document.Descendants<HeadingBlock>().ToList())
        {
            // The heading's inlines move over one by one: Markdig lets an inline belong to one block only.
            var text = new ContainerInline();
            foreach (var inline in heading.Inline?.ToList() ?? [])
            {
                inline.Remove();
                text.AppendChild(inline);
            }
            var parent = heading.Parent!;
            parent[parent.IndexOf(heading)] = new ParagraphBlock { Inline = text };
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "start"], StringComparer.OrdinalIgnoreCase),
            // No style attribute is allowed, so no CSS property or at-rule can get in either.
            AllowedSchemes = new HashSet<string>(LinkSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                // The sanitizer lets relative addresses through; in a comment they could only point
                // at this site's own actions, so a link must say where it goes.
                if (!IsAllowedAddress(link.GetAttribute("href")))
                {
                    link.RemoveAttribute("href");
                }
                link.SetAttribute("rel", LinkRel);
            }
        };
        return sanitizer;
    }

    private static bool IsAllowedAddress(string? href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) && LinkSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
}
