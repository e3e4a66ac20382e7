using System.Collections.Frozen;

namespace DailyPapers.Papers;

/// <summary>
/// What <see cref="PlainMath"/> writes for LaTeX commands: the symbols that titles and abstracts
/// use (Greek letters, relations, arrows, operators), the commands whose argument is the text
/// (fonts, accents), and the ones that only shape the output (sizes, spacing).
/// </summary>
internal static class LatexSymbols
{
    /// <summary>
    /// Command names and their characters, in pairs. A control symbol that is not here (<c>\%</c>,
    /// <c>\{</c>, <c>\$</c>) stands for its character; spacing commands are <see cref="Spaces"/>.
    /// </summary>
    public static readonly FrozenDictionary<string, string> Symbols = Table("""
        alpha α  beta β  gamma γ  delta δ  epsilon ε  varepsilon ε  zeta ζ  eta η  theta θ  vartheta ϑ
        iota ι  kappa κ  lambda λ  mu μ  nu ν  xi ξ  pi π  varpi ϖ  rho ρ  varrho ϱ  sigma σ  varsigma ς
        tau τ  upsilon υ  phi ϕ  varphi φ  chi χ  psi ψ  omega ω
        Gamma Γ  Delta Δ  Theta Θ  Lambda Λ  Xi Ξ  Pi Π  Sigma Σ  Upsilon Υ  Phi Φ  Psi Ψ  Omega Ω
        times ×  cdot ·  div ÷  pm ±  mp ∓  ast ∗  star ⋆  circ ∘  bullet •  oplus ⊕  otimes ⊗  odot ⊙  dagger †
        leq ≤  le ≤  geq ≥  ge ≥  neq ≠  ne ≠  approx ≈  sim ~  simeq ≃  cong ≅  equiv ≡  propto ∝  ll ≪  gg ≫
        lesssim ≲  gtrsim ≳  in ∈  notin ∉  subset ⊂  subseteq ⊆  supset ⊃  supseteq ⊇  cup ∪  cap ∩
        emptyset ∅  varnothing ∅  to →  rightarrow →  leftarrow ←  gets ←  leftrightarrow ↔  Rightarrow ⇒
        Leftarrow ⇐  Leftrightarrow ⇔  implies ⇒  iff ⇔  mapsto ↦  uparrow ↑  downarrow ↓  longrightarrow ⟶
        infty ∞  partial ∂  nabla ∇  forall ∀  exists ∃  neg ¬  land ∧  wedge ∧  lor ∨  vee ∨
        sum Σ  prod ∏  int ∫  ell ℓ  hbar ℏ  Re ℜ  Im ℑ  aleph ℵ  prime ′  degree °
        ldots …  cdots ⋯  dots …  vdots ⋮  mid |  vert |  Vert ‖  | ‖  langle ⟨  rangle ⟩
        lceil ⌈  rceil ⌉  lfloor ⌊  rfloor ⌋  backslash \
        log log  ln ln  exp exp  sin sin  cos cos  tan tan  max max  min min  arg arg  argmax argmax
        argmin argmin  sup sup  inf inf  lim lim  det det  dim dim
        """);

    /// <summary>Spacing commands (thin to wide spaces, a line break): one space each in the plain form.</summary>
    public static readonly FrozenSet<string> Spaces = new[] { ",", ";", ":", " ", "\\", "quad", "qquad", "enspace" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Commands that change how their argument looks (fonts, accents, boxes): the plain form is the argument.</summary>
    public static readonly FrozenSet<string> Styles = new[]
    {
        "text", "textit", "textbf", "textrm", "textsf", "texttt", "textsc", "textnormal", "emph", "mbox", "hbox",
        "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "mathfrak", "mathscr", "mathnormal",
        "boldsymbol", "bm", "pmb", "operatorname", "underline", "overline", "hat", "widehat", "tilde", "widetilde",
        "bar", "vec", "dot", "ddot", "check", "breve", "acute", "grave", "overrightarrow", "boxed", "fbox",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Commands that only size, space or place what follows: nothing of their own in the plain form.</summary>
    public static readonly FrozenSet<string> Silent = new[]
    {
        "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
        "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "nonumber", "!",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Unicode's superscript and subscript forms, for the characters that have one.</summary>
    public static readonly FrozenDictionary<char, char> Superscripts = Pairs("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ");

    public static readonly FrozenDictionary<char, char> Subscripts = Pairs("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ");

    private static FrozenDictionary<string, string> Table(string pairs)
    {
        var words = pairs.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(0, words.Length / 2).ToFrozenDictionary(i => words[2 * i], i => words[(2 * i) + 1], StringComparer.Ordinal);
    }

    private static FrozenDictionary<char, char> Pairs(string from, string to) =>
        from.Zip(to).ToFrozenDictionary(pair => pair.First, pair => pair.Second);
}
