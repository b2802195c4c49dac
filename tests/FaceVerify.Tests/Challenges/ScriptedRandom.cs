using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FaceVerify.Tests.Challenges;

/// <summary>A <see cref="RandomNumberGenerator"/> that returns the given 32-bit values in turn (little endian), to pin exact draws.</summary>
internal sealed class ScriptedRandom(params uint[] values) : RandomNumberGenerator
{
    private int _next;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        for (var offset = 0; offset < data.Length; offset += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(word, values[_next++ % values.Length]);
            word[..Math.Min(4, data.Length - offset)].CopyTo(data[offset..]);
        }
    }
}
