namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// One hostile value for a route or query parameter. <see cref="Encoded"/> is what goes on the wire:
/// most values are text that a client would percent-encode, some are byte sequences no encoder
/// produces (invalid UTF-8, a lone surrogate's three bytes), written percent-encoded by hand.
/// </summary>
public sealed record RequestValue(string Name, string Encoded)
{
    public static RequestValue Text(string name, string text) => new(name, Uri.EscapeDataString(text));

    /// <summary>Bytes as written: <c>%ED%A0%80</c> stays those three bytes.</summary>
    public static RequestValue Raw(string name, string percentEncoded) => new(name, percentEncoded);

    /// <summary>In a catch-all route value the slashes stay path separators.</summary>
    public string InCatchAll => string.Join('/', Encoded.Split("%2F"));

    public override string ToString() => Name;
}

/// <summary>The values every parameter of every route is tried with.</summary>
public static class RequestValues
{
    /// <summary>What reflected text is checked for: these must never reach an HTML or Atom body unescaped.</summary>
    public static readonly string[] Markers = ["<script>alert(1)", "<img src=x", "<svg onload"];

    public static readonly RequestValue[] All =
    [
        // Lucene query syntax, which must reach the index as words.
        RequestValue.Text("lucene field group", "title:("),
        RequestValue.Text("lucene star", "*"),
        RequestValue.Text("lucene question mark", "?"),
        RequestValue.Text("lucene fuzzy", "~"),
        RequestValue.Text("lucene operators", "AND OR NOT"),
        RequestValue.Text("lucene unbalanced quote", "\"unbalanced"),
        RequestValue.Text("backslash", "\\"),
        RequestValue.Text("lucene everything", "+-&&||!(){}[]^\"~*?:\\/ [a TO b] /re.ex/ x^3"),
        // Sizes.
        RequestValue.Text("10 KB ascii", new string('a', 10 * 1024)),
        RequestValue.Text("10 KB two-byte", new string('é', 5 * 1024)),
        RequestValue.Text("10 KB words", string.Concat(Enumerable.Repeat("network ", 1280))),
        RequestValue.Text("empty", ""),
        RequestValue.Text("spaces", "   "),
        // Unicode that text handling trips over.
        RequestValue.Raw("U+FFFE bytes", "%EF%BF%BE"),
        RequestValue.Raw("U+FFFF bytes", "%EF%BF%BF"),
        RequestValue.Raw("U+FDD0 bytes", "%EF%B7%90"),
        RequestValue.Text("noncharacters in text", "net\uFFFEworks \uFFFF \uFDD0 graph"),
        RequestValue.Raw("lone high surrogate bytes", "%ED%A0%80"),
        RequestValue.Raw("lone low surrogate bytes", "x%ED%B0%80y"),
        RequestValue.Text("lone surrogate JSON escape", "\\ud800"),
        RequestValue.Text("lone surrogate JSON string", "\"\\udc00x\""),
        RequestValue.Raw("NUL", "%00"),
        RequestValue.Raw("NUL inside", "net%00works"),
        RequestValue.Raw("C0 controls", "%01%02%08%0B%1B%1F%7F"),
        RequestValue.Raw("C1 controls", "%C2%80%C2%85%C2%9F"),
        RequestValue.Raw("CR LF header break", "x%0D%0ASet-Cookie:%20a=b"),
        RequestValue.Raw("bad percent encoding", "%zz%E2%82"),
        RequestValue.Text("bidi override", "\u202Egnp.exe\u202C \u2066x\u2069"),
        RequestValue.Text("emoji and combining", "🚀🧬 ne\u0301tworks Z\u0351\u0348a\u0361lgo"),
        RequestValue.Text("right to left", "شبكات عصبية"),
        // Numbers.
        RequestValue.Text("huge number", "99999999999999999999"),
        RequestValue.Text("minus one", "-1"),
        RequestValue.Text("int max plus one", "2147483648"),
        RequestValue.Text("int min minus one", "-2147483649"),
        RequestValue.Text("zero", "0"),
        RequestValue.Text("exponent", "1e9"),
        RequestValue.Text("NaN", "NaN"),
        RequestValue.Text("Arabic-Indic digits", "\u0661\u0662\u0663"),
        // Days, weeks and months.
        RequestValue.Text("last day", "9999-12-31"),
        RequestValue.Text("day zero", "0000-01-01"),
        RequestValue.Text("February 30", "2024-02-30"),
        RequestValue.Text("month 13", "2024-13-01"),
        RequestValue.Text("week 99", "2024-W99"),
        RequestValue.Text("last week", "9999-W52"),
        RequestValue.Text("month zero", "0000-00"),
        // Ids.
        RequestValue.Text("version past int", "2405.15738v99999999999"),
        RequestValue.Text("Arabic-Indic id", "\u0662\u0664\u0660\u0665.\u0661\u0665\u0667\u0663\u0668"),
        RequestValue.Text("old-style version past int", "hep-th/9901001v99999999999"),
        RequestValue.Text("version zero", "2405.15738v0"),
        RequestValue.Text("prefix only", "arXiv:"),
        RequestValue.Text("dot segments", "../../etc/passwd"),
        // Markup and script.
        RequestValue.Text("script tag", "<script>alert(1)</script>"),
        RequestValue.Text("attribute break", "\"><img src=x onerror=1>"),
        RequestValue.Text("single-quote break", "'><svg onload=1>"),
        RequestValue.Text("javascript url", "javascript:alert(1)"),
    ];
}
