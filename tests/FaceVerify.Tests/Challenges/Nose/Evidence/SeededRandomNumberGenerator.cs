using System.Security.Cryptography;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// A reproducible <see cref="RandomNumberGenerator"/> for evidence runs (seeded <see cref="Random"/>): the challenge draws
/// its targets from it exactly as it draws them from the system generator in a live session.
/// </summary>
internal sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private readonly Random _random = new(seed);

    public override void GetBytes(byte[] data) => _random.NextBytes(data);

    public override void GetBytes(Span<byte> data) => _random.NextBytes(data);
}
