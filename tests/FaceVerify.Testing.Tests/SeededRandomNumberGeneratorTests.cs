using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FaceVerify.Testing.Tests;

public class SeededRandomNumberGeneratorTests
{
    [Test]
    public void GetBytes_IsSha256InCounterMode_ReadInOrderAcrossCalls()
    {
        using var random = new SeededRandomNumberGenerator(2);
        var first = new byte[20];
        var rest = new byte[30];
        random.GetBytes(first);
        random.GetBytes(rest);

        first.Concat(rest).Should().Equal(Block(2, 0).Concat(Block(2, 1)).Take(50));
    }

    [Test]
    public void SameSeed_SameParameters_OtherSeed_OtherParameters()
    {
        var challenge = new NoseTargetChallenge();
        using var a = new SeededRandomNumberGenerator(11);
        using var b = new SeededRandomNumberGenerator(11);
        using var c = new SeededRandomNumberGenerator(12);

        var pa = ChallengeHarness.CreateParameters(challenge, 640, 480, a).GetRawText();
        ChallengeHarness.CreateParameters(challenge, 640, 480, b).GetRawText().Should().Be(pa);
        ChallengeHarness.CreateParameters(challenge, 640, 480, c).GetRawText().Should().NotBe(pa);
    }

    [Test]
    public void GetNonZeroBytes_HasNoZero()
    {
        using var random = new SeededRandomNumberGenerator(0);
        var data = new byte[4096];
        random.GetNonZeroBytes(data);
        data.Should().NotContain(0);
    }

    private static byte[] Block(int seed, long counter)
    {
        var input = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(input, seed);
        BinaryPrimitives.WriteInt64LittleEndian(input.AsSpan(4), counter);
        return SHA256.HashData(input);
    }
}
