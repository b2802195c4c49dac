using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>Uniform integers from a given <see cref="RandomNumberGenerator"/> instance (the static <c>GetInt32</c> always uses the system generator).</summary>
internal static class RandomNumberGeneratorExtensions
{
    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), by rejection sampling (no modulo bias), like <see cref="RandomNumberGenerator.GetInt32(int)"/>.</summary>
    public static int NextInt32(this RandomNumberGenerator random, int exclusiveMax)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        if (exclusiveMax == 1)
        {
            return 0;
        }

        var range = (uint)exclusiveMax - 1;
        var mask = uint.MaxValue >> System.Numerics.BitOperations.LeadingZeroCount(range);
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            random.GetBytes(bytes);
            var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes) & mask;
            if (value <= range)
            {
                return (int)value;
            }
        }
    }
}
