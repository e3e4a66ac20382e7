using System.Text.RegularExpressions;
using DailyPapers.Papers;

namespace DailyPapers.Tests.Papers;

public sealed class PlainMathTests
{
    // Titles and abstract phrases as the bundled demo catalog stores them.
    [Theory]
    [InlineData(@"$\textit{Trans-LoRA}$: towards data-free Transferable Parameter Efficient Finetuning", "Trans-LoRA: towards data-free Transferable Parameter Efficient Finetuning")]
    [InlineData(@"Shard, which activate the top-$K$ out of $N$ experts", "Shard, which activate the top-K out of N experts")]
    [InlineData(@"M$^{2}$UGen: Multi-modal Music Understanding and Generation", "M²UGen: Multi-modal Music Understanding and Generation")]
    [InlineData(@"PanGu-$π$: Enhancing Language Model Architectures via Nonlinearity Compensation", "PanGu-π: Enhancing Language Model Architectures via Nonlinearity Compensation")]
    [InlineData(@"we introduce $\lambda$-ECLIPSE. Our method", "we introduce λ-ECLIPSE. Our method")]
    [InlineData(@"MicroDreamer: Zero-shot 3D Generation in $\sim$20 Seconds", "MicroDreamer: Zero-shot 3D Generation in ~20 Seconds")]
    [InlineData(@"A Simple and Effective $L_2$ Norm-Based Strategy for KV Cache Compression", "A Simple and Effective L₂ Norm-Based Strategy for KV Cache Compression")]
    [InlineData(@"$\nabla^2$DFT: A Universal Quantum Chemistry Dataset", "∇²DFT: A Universal Quantum Chemistry Dataset")]
    [InlineData(@"$VILA^2$: VILA Augmented VILA", "VILA²: VILA Augmented VILA")]
    [InlineData(@"$\textbf{Only-IF}$:Revealing the Decisive Effect of Instruction Diversity", "Only-IF:Revealing the Decisive Effect of Instruction Diversity")]
    [InlineData(@"LLM$\times$MapReduce: Simplified Long-Sequence Processing", "LLM×MapReduce: Simplified Long-Sequence Processing")]
    [InlineData(@"$γ-$MoD: Exploring Mixture-of-Depth Adaptation", "γ-MoD: Exploring Mixture-of-Depth Adaptation")]
    [InlineData(@"Top-$nσ$: Not All Logits Are You Need", "Top-nσ: Not All Logits Are You Need")]
    [InlineData(@"$\text{Transformer}^2$: Self-adaptive LLMs", "Transformer²: Self-adaptive LLMs")]
    [InlineData(@"using in some cases only $\frac{1}{8}$ of the original cache size", "using in some cases only 1/8 of the original cache size")]
    [InlineData(@"high-resolution (e.g. $1024 \times 1024$) directly", "high-resolution (e.g. 1024 × 1024) directly")]
    [InlineData(@"a $44\%$ performance gain", "a 44% performance gain")]
    [InlineData(@"geometry problem solving ($28.34\% \to 34.22\%$), chess", "geometry problem solving (28.34% → 34.22%), chess")]
    [InlineData(@"isolating $K_s$ experts as shared ones", "isolating Kₛ experts as shared ones")]
    [InlineData(@"online $\ell_2$ sampling on values", "online ℓ₂ sampling on values")]
    [InlineData(@"the optimal policy or $V^{\star}$. More", "the optimal policy or V⋆. More")]
    [InlineData(@"than standard $A^*$ search", "than standard A* search")]
    [InlineData(@"tasks involving up to $11\times 10^6$ elements", "tasks involving up to 11× 10⁶ elements")]
    [InlineData(@"real-time ($\geq 40$ fps) novel views", "real-time (≥ 40 fps) novel views")]
    [InlineData(@"stands for $\textbf{B}$ig $\textbf{A}$daptive", "stands for Big Adaptive")]
    [InlineData(@"an error of $\mathcal{O}(\sqrt{n})$ at most", "an error of O(√n) at most")]
    [InlineData(@"display math $$\sum_{i=1}^{n} x_i$$ and \(a+b\) too", "display math Σᵢ₌₁ⁿ xᵢ and a+b too")]
    [InlineData(@"$x_{\mathrm{max}}$, $x_{\mathrm{fb}}$ and $x^{ab}$", "xₘₐₓ, x_(fb) and x^(ab)")]
    [InlineData(@"available $\href{https://github.com/AlexanderRubinstein/OCCAM}{here}$.", "available here.")]
    [InlineData(@"a dash $\unicode{x2014}$ and $\unicode{8212}$ and none $\unicode{xD800}$", "a dash — and — and none ")]
    public void MathBecomesItsReadablePlainForm(string stored, string plain)
    {
        Assert.Equal(plain, PlainMath.Of(stored));
    }

    // Dollars that are money, from demo titles: no math in them, so the text is left as it is.
    [Theory]
    [InlineData("SWE-Lancer: Can Frontier LLMs Earn $1 Million from Real-World Freelance Software Engineering?")]
    [InlineData("Open-Sora 2.0: Training a Commercial-Level Video Generation Model in $200k")]
    [InlineData("Fixing 7,400 Bugs for 1$: Cheap Crash-Site Program Repair")]
    [InlineData("Human-Agent Collaborative Paper-to-Page Crafting for Under $0.1")]
    [InlineData("prices from $5 to $10 a month")]
    [InlineData("Attention Is All You Need")]
    [InlineData("")]
    public void TextWithoutMathIsUnchanged(string stored)
    {
        Assert.Equal(stored, PlainMath.Of(stored));
    }

    [Fact]
    public void AnEscapedDollarIsADollar()
    {
        Assert.Equal("$OneMillion-Bench: How Far are Language Agents from Human Experts?",
            PlainMath.Of(@"\$OneMillion-Bench: How Far are Language Agents from Human Experts?"));
        Assert.Equal("For under $20 USD, our attack", PlainMath.Of(@"For under \$20 USD, our attack"));
    }

    [Theory]
    [InlineData(@"unclosed $\frac{1}{")]
    [InlineData(@"$\frac{$")]
    [InlineData(@"$x^$ and $_$ and $\$")]
    [InlineData(@"$\sqrt[$ then $}{}{$")]
    [InlineData(@"\(\)\[\]$$$$$")]
    [InlineData("$\\")]
    public void BrokenLatexNeverThrows(string stored)
    {
        Assert.NotNull(PlainMath.Of(stored));
    }

    [Fact]
    public void NullIsEmpty()
    {
        Assert.Equal("", PlainMath.Of(null));
    }
}

public sealed class PlainMathOnTheDemoCatalogTests
{
    // Every piece of math in the bundled catalog's titles and abstracts: its plain form keeps none of
    // the LaTeX (no command, brace or math delimiter left), so no feed reader or email shows markup.
    [Fact]
    public void EveryPieceOfMathInTheDemoCatalogReadsWithoutLatex()
    {
        using var file = File.OpenRead(DailyPapers.Ingest.DemoDataImporter.BundledFile);
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress));
        var withMath = 0;
        var leftovers = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            using var record = System.Text.Json.JsonDocument.Parse(line);
            foreach (var field in new[] { "title", "abstract" })
            {
                var text = record.RootElement.TryGetProperty(field, out var value) ? value.GetString() ?? "" : "";
                foreach (var span in MathSpans.Find(text))
                {
                    // Text around the math is left as stored (LaTeX outside math, such as \url{...}, too).
                    var plain = PlainMath.Of(text[span.Start..span.End]);
                    withMath++;
                    if (Regex.IsMatch(plain, @"\\[A-Za-z]|[{}$]|\\\(|\\\["))
                    {
                        leftovers.Add($"{text[span.Start..span.End]} -> {plain}");
                    }
                }
            }
        }
        Assert.True(withMath > 150, $"only {withMath} pieces of math in the demo catalog: the fixture changed");
        Assert.Empty(leftovers);
    }
}
