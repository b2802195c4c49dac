using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FaceVerify.SampleHost;

/// <summary>
/// TEST SEAM ONLY: a deterministic <see cref="RandomNumberGenerator"/> (SHA-256 of seed and counter), used when
/// <c>FaceVerify:Sample:FixedSeed</c> is set so that browser tests know the challenge parameters in advance.
/// Every session gets the same challenge parameters: a 16-byte request (the session id, drawn first at each start)
/// is answered from its own stream and restarts the parameter stream, so a journey with two checks (enrolment's
/// liveness check, then face login) meets the same nose target twice while session ids stay unique.
/// </summary>
internal sealed class SeededRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private readonly Lock _lock = new();
    private readonly byte[] _block = new byte[32];
    private const int SessionIdLength = 16;
    private long _counter;
    private long _sessions;
    private int _used = 32;

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(byte[] data, int offset, int count) => GetBytes(data.AsSpan(offset, count));

    public override void GetBytes(Span<byte> data)
    {
        Span<byte> input = stackalloc byte[12];
        lock (_lock)
        {
            if (data.Length == SessionIdLength)
            {
                // A new session: a unique id from the id stream (negative counters), then the parameters start over.
                Span<byte> id = stackalloc byte[32];
                BinaryPrimitives.WriteInt32LittleEndian(input, seed);
                BinaryPrimitives.WriteInt64LittleEndian(input[4..], -1 - _sessions++);
                SHA256.HashData(input, id);
                id[..SessionIdLength].CopyTo(data);
                _counter = 0;
                _used = _block.Length;
                return;
            }

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

    public override void GetNonZeroBytes(byte[] data) => GetNonZeroBytes(data.AsSpan());

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
