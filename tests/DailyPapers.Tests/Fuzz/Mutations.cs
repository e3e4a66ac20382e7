using CsCheck;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// One change to an input. Positions are drawn as raw numbers and taken modulo the input's length
/// when applied, so one generated plan fits any input. <see cref="ToString"/> is short enough for a
/// failure message (a 40 KB value is shown by its length).
/// </summary>
public abstract record Mutation
{
    public abstract byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others);

    protected static int At(uint position, int length) => (int)(position % (uint)(length + 1));

    protected static string Show(string value) =>
        value.Length <= 40 ? string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}")) : $"<{value.Length} chars from {Show(value[..8])}>";
}

/// <summary>Cut off, as a dropped connection or a full disk leaves a file.</summary>
public sealed record Truncate(uint Position) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others) => input[..At(Position, input.Length)];

    public override string ToString() => $"truncate at {Position}";
}

/// <summary>Bit rot: a run of bytes xor-ed with a mask.</summary>
public sealed record FlipBytes(uint Position, int Count, byte Mask) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others)
    {
        var output = (byte[])input.Clone();
        var start = At(Position, output.Length);
        for (var i = start; i < Math.Min(output.Length, start + Count); i++)
        {
            output[i] ^= Mask;
        }
        return output;
    }

    public override string ToString() => $"flip {Count} bytes at {Position} with 0x{Mask:X2}";
}

public sealed record InsertBytes(uint Position, byte[] Bytes) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others)
    {
        var at = At(Position, input.Length);
        return [.. input[..at], .. Bytes, .. input[at..]];
    }

    public override string ToString() => $"insert {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 16)))}{(Bytes.Length > 16 ? "..." : "")} ({Bytes.Length} bytes) at {Position}";
}

public sealed record DeleteRange(uint Position, int Length) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others)
    {
        var at = At(Position, input.Length);
        return [.. input[..at], .. input[Math.Min(input.Length, at + Length)..]];
    }

    public override string ToString() => $"delete {Length} bytes at {Position}";
}

public sealed record DuplicateRange(uint Position, int Length) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others)
    {
        var at = At(Position, input.Length);
        var end = Math.Min(input.Length, at + Length);
        return [.. input[..end], .. input[at..end], .. input[end..]];
    }

    public override string ToString() => $"duplicate {Length} bytes at {Position}";
}

/// <summary>The start of this input joined to the rest of another real input of the same format.</summary>
public sealed record Splice(uint Position, int Other, uint OtherPosition) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others)
    {
        if (others.Count == 0)
        {
            return input;
        }
        var other = others[Other % others.Count];
        return [.. input[..At(Position, input.Length)], .. other[At(OtherPosition, other.Length)..]];
    }

    public override string ToString() => $"splice at {Position} with input {Other} from {OtherPosition}";
}

/// <summary>A JSON string or number, or an XML text or attribute value, replaced by a hostile value.</summary>
public sealed record SwapValue(uint Slot, string Value, ValueForm Form) : Mutation
{
    public override byte[] Apply(byte[] input, Syntax syntax, IReadOnlyList<byte[]> others)
    {
        var slots = InputSyntax.Slots(input, syntax);
        if (slots.Count == 0)
        {
            return input;
        }
        var slot = slots[(int)(Slot % (uint)slots.Count)];
        return [.. input[..slot.Start], .. ValueEncoding.Encode(Value, syntax, Form), .. input[slot.End..]];
    }

    public override string ToString() => $"value {Slot} := {Form} '{Show(Value)}'";
}

internal static class Mutations
{
    private static readonly Gen<uint> Position = Gen.UInt;

    /// <summary>Bytes that are not UTF-8 (overlong, surrogate, past U+10FFFF, cut short), a noncharacter, NUL, BOMs, or anything.</summary>
    private static readonly Gen<byte[]> Garbage = Gen.Frequency(
        (3, Gen.OneOf<byte[]>([0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xEF, 0xBF, 0xBE], [0x00], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF])),
        (2, Gen.Byte.Array[1, 64]),
        (1, Gen.OneOf("\n", "\r", "}", "]", "{", "[", "\"", ",", "</entry>", "<entry>", "</record>", "]]>", "<!--", "&", "&#0;", "\\u", "\\").Select(ValueEncoding.Utf8)));

    private static readonly Gen<Mutation> Damage = Gens.Either<Mutation>(
        Position.Select(p => (Mutation)new Truncate(p)),
        Gen.Select(Position, Gen.Int[1, 8], Gen.Byte[1, 255], (p, n, mask) => (Mutation)new FlipBytes(p, n, mask)),
        Gen.Select(Position, Garbage, (p, bytes) => (Mutation)new InsertBytes(p, bytes)),
        Gen.Select(Position, Gen.Int[1, 400], (p, n) => (Mutation)new DeleteRange(p, n)),
        Gen.Select(Position, Gen.Int[1, 2000], (p, n) => (Mutation)new DuplicateRange(p, n)),
        Gen.Select(Position, Gen.Int[0, 100], Position, (p, other, q) => (Mutation)new Splice(p, other, q)));

    private static readonly Gen<string> JsonLiteral = Gens.Either(HostileValues.Number, Gen.OneOf("null", "[]", "{}", "true", "[null]", "{\"a\":[{}]}"));

    private static Gen<Mutation> Swap(Gen<ValueForm> forms, Gen<string>? bare)
    {
        var quoted = Gen.Select(Position, HostileValues.Any, forms, (slot, value, form) => (Mutation)new SwapValue(slot, value, form));
        return bare is null ? quoted : Gen.Frequency((4, quoted), (1, Gen.Select(Position, bare, (slot, value) => (Mutation)new SwapValue(slot, value, ValueForm.Bare))));
    }

    /// <summary>Any damage or swap, one to four of them in a row.</summary>
    public static readonly Gen<Mutation[]> Any = Gen.Frequency(
        (1, Damage),
        (1, Swap(Gen.OneOf(ValueForm.Escaped, ValueForm.Raw, ValueForm.WellFormed), Gens.Either(JsonLiteral, Gen.OneOf("<x>y</x>", "&undefined;", "]]>", "\""))))).Array[1, 4];

    /// <summary>
    /// Changes that leave the syntax intact: swapped values only, written so the document stays
    /// well-formed (in JSON a bare literal is still JSON). For one-record-per-line input any damage
    /// stays inside its line and is allowed too.
    /// </summary>
    public static Gen<Mutation[]> KeepingStructure(Syntax syntax)
    {
        var swap = syntax == Syntax.Xml
            ? Swap(Gen.Const(ValueForm.WellFormed), null)
            : Swap(Gen.OneOf(ValueForm.Escaped, ValueForm.WellFormed, ValueForm.Raw), JsonLiteral);
        var one = syntax == Syntax.JsonLines ? Gen.Frequency((2, swap), (1, Damage)) : swap;
        return one.Array[1, 3];
    }

    public static byte[] Apply(IEnumerable<Mutation> mutations, byte[] input, Syntax syntax, IReadOnlyList<byte[]> others) =>
        mutations.Aggregate(input, (current, mutation) => mutation.Apply(current, syntax, others));
}
