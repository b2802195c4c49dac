using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FaceVerify.Testing;

/// <summary>
/// A deterministic <see cref="RandomNumberGenerator"/> for tests: the same seed gives the same bytes on every machine
/// and run, so challenge parameters (register it in place of the CSPRNG, or pass it to
/// <see cref="ChallengeHarness.CreateParameters(IChallenge, int, int, RandomNumberGenerator?)"/>) and the server's
/// random choices are reproducible. The stream is SHA-256 in counter mode: block <c>i</c> is
/// <c>SHA-256(seed as Int32 little-endian ‖ i as Int64 little-endian)</c>, read in order. Thread-safe.
/// NEVER use it outside tests: its output is predictable by design.
/// </summary>
/// <param name="seed">The seed.</param>
public sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private readonly Lock _lock = new();
    private readonly byte[] _block = new byte[SHA256.HashSizeInBytes];
    private long _counter;
    private int _used = SHA256.HashSizeInBytes;

    /// <summary>The seed.</summary>
    public int Seed => seed;

    /// <inheritdoc />
    public override void GetBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan());
    }

    /// <inheritdoc />
    public override void GetBytes(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void GetBytes(Span<byte> data)
    {
        Span<byte> input = stackalloc byte[12];
        lock (_lock)
        {
            for (var i = 0; i < data.Length; i++)
            {
                if (_used == _block.Length)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(input, seed);
                    BinaryPrimitives.WriteInt64LittleEndian(input[4..], _counter++);
                    SHA256.HashData(input, _block);
                    _used = 0;
                }

                data[i] = _block[_used++];
            }
        }
    }

    /// <inheritdoc />
    public override void GetNonZeroBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetNonZeroBytes(data.AsSpan());
    }

    /// <inheritdoc />
    public override void GetNonZeroBytes(Span<byte> data)
    {
        GetBytes(data);
        for (var i = 0; i < data.Length; i++)
        {
            while (data[i] == 0)
            {
                GetBytes(data.Slice(i, 1));
            }
        }
    }
}
