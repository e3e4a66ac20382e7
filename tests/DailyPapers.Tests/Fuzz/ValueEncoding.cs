using System.Globalization;
using System.Text;

namespace DailyPapers.Tests.Fuzz;

/// <summary>How a hostile value is written into an input.</summary>
public enum ValueForm
{
    /// <summary>JSON: every non-ASCII code unit as <c>\uXXXX</c> (lone surrogates included). XML: markup escaped, every non-ASCII character as a character reference (also ones XML forbids).</summary>
    Escaped,

    /// <summary>Markup escaped, other characters as raw bytes; a lone surrogate becomes the invalid UTF-8 of its code (CESU style).</summary>
    Raw,

    /// <summary>Markup escaped, raw bytes, and characters the syntax cannot carry at all dropped, so the document stays well-formed.</summary>
    WellFormed,

    /// <summary>Not quoted or escaped: a bare JSON literal (<c>1e400</c>, <c>null</c>, <c>{}</c>), or markup injected into XML.</summary>
    Bare,
}

internal static class ValueEncoding
{
    public static byte[] Encode(string value, Syntax syntax, ValueForm form) => syntax == Syntax.Xml ? Xml(value, form) : Json(value, form);

    private static byte[] Json(string value, ValueForm form)
    {
        if (form == ValueForm.Bare)
        {
            return Utf8(value);
        }
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < ' ' || (c > '~' && form == ValueForm.Escaped) || (char.IsSurrogate(c) && !pair && form == ValueForm.WellFormed))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }
        return Utf8(text.Append('"').ToString());
    }

    private static byte[] Xml(string value, ValueForm form)
    {
        if (form == ValueForm.Bare)
        {
            return Utf8(value);
        }
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var scalar = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? char.ConvertToUtf32(c, value[++i]) : c;
            var legal = scalar is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or >= 0x10000;
            switch (scalar)
            {
                case '<': text.Append("&lt;"); continue;
                case '>': text.Append("&gt;"); continue;
                case '&': text.Append("&amp;"); continue;
                case '"': text.Append("&quot;"); continue;
            }
            if (form == ValueForm.WellFormed && !legal)
            {
                continue;
            }
            if (form == ValueForm.Escaped && scalar > '~')
            {
                text.Append(CultureInfo.InvariantCulture, $"&#x{scalar:X};");
            }
            else if (scalar >= 0x10000)
            {
                text.Append(char.ConvertFromUtf32(scalar));
            }
            else
            {
                text.Append((char)scalar);
            }
        }
        return Utf8(text.ToString());
    }

    /// <summary>UTF-8, except that a lone surrogate is written as the three bytes of its code point, which no decoder accepts.</summary>
    public static byte[] Utf8(string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            int scalar = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                scalar = char.ConvertToUtf32(value[i], value[++i]);
            }
            if (scalar < 0x80)
            {
                bytes.Add((byte)scalar);
            }
            else if (scalar < 0x800)
            {
                bytes.AddRange([(byte)(0xC0 | (scalar >> 6)), (byte)(0x80 | (scalar & 0x3F))]);
            }
            else if (scalar < 0x10000)
            {
                bytes.AddRange([(byte)(0xE0 | (scalar >> 12)), (byte)(0x80 | ((scalar >> 6) & 0x3F)), (byte)(0x80 | (scalar & 0x3F))]);
            }
            else
            {
                bytes.AddRange([(byte)(0xF0 | (scalar >> 18)), (byte)(0x80 | ((scalar >> 12) & 0x3F)), (byte)(0x80 | ((scalar >> 6) & 0x3F)), (byte)(0x80 | (scalar & 0x3F))]);
            }
        }
        return [.. bytes];
    }
}
