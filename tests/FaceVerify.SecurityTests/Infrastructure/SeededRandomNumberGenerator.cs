using System.Security.Cryptography;

namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>A reproducible <see cref="RandomNumberGenerator"/> for generating many varied challenge parameters in tests.</summary>
internal sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private readonly Random _random = new(seed);

    public override void GetBytes(byte[] data) => _random.NextBytes(data);

    public override void GetBytes(Span<byte> data) => _random.NextBytes(data);

    public override void GetNonZeroBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)_random.Next(1, 256);
        }
    }
}
