using System.Security.Cryptography;
using FaceVerify.Testing;

namespace FaceVerify.SampleHost;

/// <summary>
/// TEST SEAM ONLY: the random source when <c>FaceVerify:Sample:FixedSeed</c> is set, so that browser tests know the
/// challenge parameters in advance. Every session gets the same challenge parameters: a 16-byte request (the session
/// id, drawn first at each start) is answered by the system CSPRNG (ids stay unique) and restarts FaceVerify.Testing's
/// <see cref="SeededRandomNumberGenerator"/>, which answers every other request, so a journey with two checks
/// (enrolment's liveness check, then face login) meets the same nose target twice.
/// </summary>
internal sealed class FixedChallengeRandomNumberGenerator(int seed) : RandomNumberGenerator
{
    private const int SessionIdLength = 16;
    private readonly Lock _lock = new();
    private SeededRandomNumberGenerator _parameters = new(seed);

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(byte[] data, int offset, int count) => GetBytes(data.AsSpan(offset, count));

    public override void GetBytes(Span<byte> data)
    {
        lock (_lock)
        {
            if (data.Length == SessionIdLength)
            {
                Fill(data);
                _parameters.Dispose();
                _parameters = new SeededRandomNumberGenerator(seed);
                return;
            }

            _parameters.GetBytes(data);
        }
    }

    public override void GetNonZeroBytes(byte[] data) => GetNonZeroBytes(data.AsSpan());

    public override void GetNonZeroBytes(Span<byte> data)
    {
        lock (_lock)
        {
            _parameters.GetNonZeroBytes(data);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _parameters.Dispose();
        }

        base.Dispose(disposing);
    }
}
