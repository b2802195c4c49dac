using System.Buffers;

namespace FaceVerify.LoadTests;

/// <summary>Reads a whole request body into a pooled buffer (the baseline's and the reference mode's read).</summary>
internal static class BodyReader
{
    /// <summary>Reads the body; returns its length, or -1 when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<int> DrainAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            return await ReadIntoAsync(request, buffer, limit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the body into a new array, or returns <see langword="null"/> when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = await ReadIntoAsync(request, buffer, limit, cancellationToken).ConfigureAwait(false);
            return length < 0 ? null : buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadIntoAsync(HttpRequest request, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length - total, 16 * 1024)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return total;
            }

            total += read;
            if (total > limit)
            {
                return -1;
            }
        }
    }
}
