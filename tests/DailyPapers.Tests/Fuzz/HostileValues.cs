using CsCheck;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// The values an upstream (or an attacker who controls one) can put into a field: characters that
/// have broken text pipelines elsewhere, lengths far past any real title, and ids, numbers and days
/// that are well-formed only at a glance.
/// </summary>
internal static class HostileValues
{
    private static readonly Gen<string> Noncharacter = Gen.OneOf("\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\U0001FFFE", "\U0010FFFF");
    private static readonly Gen<string> LoneSurrogate = Gen.OneOf("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDFFF\uD800");
    private static readonly Gen<string> Control = Gens.Either(Gen.Char['\0', '\u001f'], Gen.Char['\u007f', '\u009f']).Select(c => c.ToString());
    private static readonly Gen<string> Bidi = Gen.OneOf("\u202E", "\u202D", "\u202A", "\u202B", "\u202C", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C");
    private static readonly Gen<string> Invisible = Gen.OneOf("\u200B", "\u00AD", "\uFEFF", "\u2028", "\u2029", "\u0301", "\u3000", "\u00A0", "\t", "\n", "\r\n");
    private static readonly Gen<string> Plain = Gen.OneOf(
        "Attention Is All You Need", "Ünïcödé 数学 😀", "a", " ", "&amp;", "<b>x</b>", "\"quoted\"", "\\", "%s%n", "{0}",
        "'; DROP TABLE papers; --", "null", "https://arxiv.org/abs/2501.00001", "github.com/", "Smith, J. and Doe, A.");

    /// <summary>Past 10 KB: longer than any column (titles stop at 1,000 characters), in units that must not be split.</summary>
    private static readonly Gen<string> Long = Gen.Select(Gen.Int[10_000, 40_000], Gen.OneOf("x", "😀", "e\u0301", "\uFFFE", " ", "\u202E", "\uD800"),
        (length, unit) => string.Concat(Enumerable.Repeat(unit, length / unit.Length)));

    private static readonly Gen<string> RandomChars = Gen.Char.Array[0, 30].Select(chars => new string(chars));

    /// <summary>Text of a few hostile pieces, sometimes around ordinary words.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Noncharacter), (3, LoneSurrogate), (3, Control), (2, Bidi), (2, Invisible), (3, Plain), (1, Long), (2, RandomChars))
        .Array[1, 5].Select(string.Concat);

    /// <summary>arXiv ids that are wrong in one part: version overflow, Unicode digits, lengths, prefixes, hidden characters.</summary>
    public static readonly Gen<string> Id = Gen.OneOf(
        "2501.00002v99999999999", "2501.00002v2147483648", "2501.00002v0", "2501.00002v-1", "2501.00002v", "2501.000002", "2501.0002",
        "9999.99999", "0000.00000", "2513.00001", "٢٥٠١.٠٠٠٠٢", "２５０１．００００２", "2501.00002\u0000", "2501.00002\uFFFE", "\u202E2501.00002",
        "hep-th/99012345", "HEP-TH/9901001", "math.GT/0309136v9999", "arXiv:arXiv:2501.00002", "https://arxiv.org/abs/2501.00002v1?x=1#y",
        "../../../etc/passwd", "", " ", "0", "2501.00002 2501.00003", "oai:arXiv.org:2501.00002", "2501.00002v1v2");

    /// <summary>Number literals at and past every integer width, and forms no counter has.</summary>
    public static readonly Gen<string> Number = Gen.OneOf(
        "99999999999999999999999", "-1", "-2147483649", "2147483648", "2147483647", "9223372036854775808", "1e400", "-1e-400",
        "0.5", "-0", "1E2", "0");

    /// <summary>Days and times at the ends of the calendar, impossible ones, and ones written with other digits.</summary>
    public static readonly Gen<string> Day = Gen.OneOf(
        "9999-12-31", "0001-01-01", "0000-00-00", "2025-02-30", "2025-13-01", "9999-12-31T23:59:59.9999999Z", "10000-01-01",
        "+275760-09-13T00:00:00Z", "-0001-01-01", "٢٠٢٥-٠١-٠١", "2025-01-01T25:61:61Z", "1970-01-01T00:00:00Z", "2025-01-02\u0000",
        "Mon, 2 Apr 9999 19:18:42 GMT", "Mon, 31 Feb 2007 19:18:42 GMT", "v99999999999", "2099-01-01");

    /// <summary>Any hostile value for a text field.</summary>
    public static readonly Gen<string> Any = Gen.Frequency((6, Text), (2, Id), (2, Day), (1, Number));
}
