namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// One hostile value for a route or query parameter. <see cref="Encoded"/> is what goes on the wire:
/// most values are text that a client would percent-encode, some are byte sequences no encoder
/// produces (invalid UTF-8, a lone surrogate's three bytes), written percent-encoded by hand.
/// </summary>
public sealed record HostileValue(string Name, string Encoded)
{
    public static HostileValue Text(string name, string text) => new(name, Uri.EscapeDataString(text));

    /// <summary>Bytes as written: <c>%ED%A0%80</c> stays those three bytes.</summary>
    public static HostileValue Raw(string name, string percentEncoded) => new(name, percentEncoded);

    /// <summary>In a catch-all route value the slashes stay path separators.</summary>
    public string InCatchAll => string.Join('/', Encoded.Split("%2F"));

    public override string ToString() => Name;
}

/// <summary>The values every parameter of every route is tried with.</summary>
public static class HostileValues
{
    /// <summary>What reflected text is checked for: these must never reach an HTML or Atom body unescaped.</summary>
    public static readonly string[] Markers = ["<script>alert(1)", "<img src=x", "<svg onload"];

    public static readonly HostileValue[] All =
    [
        // Lucene query syntax, which must reach the index as words.
        HostileValue.Text("lucene field group", "title:("),
        HostileValue.Text("lucene star", "*"),
        HostileValue.Text("lucene question mark", "?"),
        HostileValue.Text("lucene fuzzy", "~"),
        HostileValue.Text("lucene operators", "AND OR NOT"),
        HostileValue.Text("lucene unbalanced quote", "\"unbalanced"),
        HostileValue.Text("backslash", "\\"),
        HostileValue.Text("lucene everything", "+-&&||!(){}[]^\"~*?:\\/ [a TO b] /re.ex/ x^3"),
        // Sizes.
        HostileValue.Text("10 KB ascii", new string('a', 10 * 1024)),
        HostileValue.Text("10 KB two-byte", new string('é', 5 * 1024)),
        HostileValue.Text("10 KB words", string.Concat(Enumerable.Repeat("network ", 1280))),
        HostileValue.Text("empty", ""),
        HostileValue.Text("spaces", "   "),
        // Unicode that text handling trips over.
        HostileValue.Raw("U+FFFE bytes", "%EF%BF%BE"),
        HostileValue.Raw("U+FFFF bytes", "%EF%BF%BF"),
        HostileValue.Raw("U+FDD0 bytes", "%EF%B7%90"),
        HostileValue.Text("noncharacters in text", "net\uFFFEworks \uFFFF \uFDD0 graph"),
        HostileValue.Raw("lone high surrogate bytes", "%ED%A0%80"),
        HostileValue.Raw("lone low surrogate bytes", "x%ED%B0%80y"),
        HostileValue.Text("lone surrogate JSON escape", "\\ud800"),
        HostileValue.Text("lone surrogate JSON string", "\"\\udc00x\""),
        HostileValue.Raw("NUL", "%00"),
        HostileValue.Raw("NUL inside", "net%00works"),
        HostileValue.Raw("C0 controls", "%01%02%08%0B%1B%1F%7F"),
        HostileValue.Raw("C1 controls", "%C2%80%C2%85%C2%9F"),
        HostileValue.Raw("CR LF header break", "x%0D%0ASet-Cookie:%20a=b"),
        HostileValue.Raw("bad percent encoding", "%zz%E2%82"),
        HostileValue.Text("bidi override", "\u202Egnp.exe\u202C \u2066x\u2069"),
        HostileValue.Text("emoji and combining", "🚀🧬 ne\u0301tworks Z\u0351\u0348a\u0361lgo"),
        HostileValue.Text("right to left", "شبكات عصبية"),
        // Numbers.
        HostileValue.Text("huge number", "99999999999999999999"),
        HostileValue.Text("minus one", "-1"),
        HostileValue.Text("int max plus one", "2147483648"),
        HostileValue.Text("int min minus one", "-2147483649"),
        HostileValue.Text("zero", "0"),
        HostileValue.Text("exponent", "1e9"),
        HostileValue.Text("NaN", "NaN"),
        HostileValue.Text("Arabic-Indic digits", "\u0661\u0662\u0663"),
        // Days, weeks and months.
        HostileValue.Text("last day", "9999-12-31"),
        HostileValue.Text("day zero", "0000-01-01"),
        HostileValue.Text("February 30", "2024-02-30"),
        HostileValue.Text("month 13", "2024-13-01"),
        HostileValue.Text("week 99", "2024-W99"),
        HostileValue.Text("last week", "9999-W52"),
        HostileValue.Text("month zero", "0000-00"),
        // Ids.
        HostileValue.Text("version past int", "2405.15738v99999999999"),
        HostileValue.Text("Arabic-Indic id", "\u0662\u0664\u0660\u0665.\u0661\u0665\u0667\u0663\u0668"),
        HostileValue.Text("old-style version past int", "hep-th/9901001v99999999999"),
        HostileValue.Text("version zero", "2405.15738v0"),
        HostileValue.Text("prefix only", "arXiv:"),
        HostileValue.Text("dot segments", "../../etc/passwd"),
        // Markup and script.
        HostileValue.Text("script tag", "<script>alert(1)</script>"),
        HostileValue.Text("attribute break", "\"><img src=x onerror=1>"),
        HostileValue.Text("single-quote break", "'><svg onload=1>"),
        HostileValue.Text("javascript url", "javascript:alert(1)"),
    ];
}
