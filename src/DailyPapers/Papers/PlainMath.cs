using System.Text;

namespace DailyPapers.Papers;

/// <summary>
/// The readable plain form of a title or abstract with LaTeX math, for the places that show text
/// only (the page's <c>&lt;title&gt;</c> and description, Atom titles and summaries, digest emails):
/// <c>$\textit{Trans-LoRA}$</c> → <c>Trans-LoRA</c>, <c>top-$K$</c> → <c>top-K</c>,
/// <c>M$^{2}$UGen</c> → <c>M²UGen</c>, <c>$\lambda$-ECLIPSE</c> → <c>λ-ECLIPSE</c>,
/// <c>$\frac{1}{8}$</c> → <c>1/8</c>. Only the math that <see cref="MathSpans"/> finds (what the
/// pages render) is rewritten, and <c>\$</c> outside it becomes a dollar; everything else is left as
/// it is. Pure and total: any string gives a string, and text without math comes back unchanged.
/// The stored text and the API keep the LaTeX.
/// </summary>
public static class PlainMath
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var spans = MathSpans.Find(text);
        if (spans.Count == 0 && !text.Contains("\\$", StringComparison.Ordinal))
        {
            return text;
        }
        var plain = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            plain.Append(text.AsSpan(position, span.Start - position).ToString().Replace("\\$", "$", StringComparison.Ordinal));
            plain.Append(Collapse(new Reader(text, span.ContentStart, span.ContentEnd).ReadAll()));
            position = span.End;
        }
        plain.Append(text.AsSpan(position).ToString().Replace("\\$", "$", StringComparison.Ordinal));
        return plain.ToString();
    }

    // LaTeX ignores spaces in math; the plain form keeps the writer's spacing, but never doubles it.
    private static string Collapse(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Reads one math span's content, an atom at a time (a character, a command, a {group}).</summary>
    private sealed class Reader(string text, int start, int end)
    {
        private int _at = start;

        public string ReadAll()
        {
            var output = new StringBuilder();
            while (_at < end)
            {
                output.Append(ReadAtom());
            }
            return output.ToString();
        }

        private string ReadAtom()
        {
            var c = text[_at++];
            return c switch
            {
                '\\' => ReadCommand(),
                '{' => ReadGroupRest(),
                '}' => "",
                '^' => Script(ReadArgument(), LatexSymbols.Superscripts, '^'),
                '_' => Script(ReadArgument(), LatexSymbols.Subscripts, '_'),
                '~' or '&' => " ",
                _ => c.ToString(),
            };
        }

        // After a '{': everything up to its matching '}'.
        private string ReadGroupRest()
        {
            var output = new StringBuilder();
            while (_at < end && text[_at] != '}')
            {
                output.Append(ReadAtom());
            }
            _at = Math.Min(end, _at + 1);
            return output.ToString();
        }

        // A command's or script's argument: a {group}, a command or one character (spaces before it skipped).
        private string ReadArgument()
        {
            while (_at < end && text[_at] == ' ')
            {
                _at++;
            }
            return _at < end ? ReadAtom() : "";
        }

        private string? ReadOptionalArgument()
        {
            if (_at >= end || text[_at] != '[')
            {
                return null;
            }
            var close = text.IndexOf(']', _at, end - _at);
            if (close < 0)
            {
                return null;
            }
            var argument = new Reader(text, _at + 1, close).ReadAll();
            _at = close + 1;
            return argument;
        }

        private string ReadCommand()
        {
            if (_at >= end)
            {
                return "";
            }
            var nameStart = _at;
            if (char.IsAsciiLetter(text[_at]))
            {
                while (_at < end && char.IsAsciiLetter(text[_at]))
                {
                    _at++;
                }
            }
            else
            {
                _at++;
            }
            var name = text[nameStart.._at];
            if (LatexSymbols.Symbols.TryGetValue(name, out var symbol))
            {
                return symbol;
            }
            if (LatexSymbols.Spaces.Contains(name))
            {
                return " ";
            }
            if (LatexSymbols.Silent.Contains(name))
            {
                return "";
            }
            if (!char.IsAsciiLetter(name[0]))
            {
                return name;
            }
            switch (name)
            {
                case "frac" or "dfrac" or "tfrac":
                    var numerator = ReadArgument();
                    var denominator = ReadArgument();
                    return $"{Grouped(numerator)}/{Grouped(denominator)}";
                case "href":
                    // \href{url}{text}: the text the page shows.
                    _ = ReadArgument();
                    return ReadArgument();
                case "unicode":
                    return Character(ReadArgument());
                case "sqrt":
                    var index = ReadOptionalArgument();
                    var root = index switch { "3" => "∛", "4" => "∜", null => "√", _ => "(" + index + ")√" };
                    return root + Grouped(ReadArgument());
                default:
                    // A font or accent, or a command this table does not know: its argument if it has
                    // one ({...} right after it), else its name, which is usually readable (\LaTeX, \mathrm).
                    if (LatexSymbols.Styles.Contains(name) || (_at < end && text[_at] == '{'))
                    {
                        return _at < end && text[_at] == '{' ? ReadArgument() : "";
                    }
                    return name;
            }
        }

        // \unicode{x2014} or \unicode{8212}: that character, when it is one.
        private static string Character(string code)
        {
            var hex = code.StartsWith('x') || code.StartsWith('X');
            var parsed = hex
                ? int.TryParse(code.AsSpan(1), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value)
                : int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
            var valid = parsed && value is > 0x20 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) && !SafeText.IsNoncharacter(value);
            return valid ? char.ConvertFromUtf32(value) : "";
        }

        // Fractions and roots of more than one character read as (a+b)/c.
        private static string Grouped(string text) => text.Trim().Length <= 1 ? text.Trim() : "(" + text.Trim() + ")";

        // x^{2} → x², x_{i} → xᵢ when every character has a Unicode form; A^* and x' need none; else x^(ab).
        private static string Script(string script, IReadOnlyDictionary<char, char> forms, char mark)
        {
            var trimmed = script.Trim();
            if (trimmed.Length == 0)
            {
                return "";
            }
            if (trimmed.All(forms.ContainsKey))
            {
                return string.Concat(trimmed.Select(c => forms[c]));
            }
            if (trimmed is "*" or "∗" or "⋆" or "′" or "'" or "†")
            {
                return trimmed;
            }
            return trimmed.Length == 1 ? $"{mark}{trimmed}" : $"{mark}({trimmed})";
        }
    }
}
