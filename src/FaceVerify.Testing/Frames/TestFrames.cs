using System.Buffers.Binary;

namespace FaceVerify.Testing;

/// <summary>
/// Builds small, header-valid JPEG and PNG byte arrays of a given size without an image library, for tests that use a
/// scripted analyzer (the pixels are not a real picture: a real analyzer would reject them). Each <c>variant</c> gives
/// different bytes, so frames are not duplicates of each other.
/// </summary>
public static class TestFrames
{
    /// <summary>A JPEG-structured frame: SOI, APP0 (JFIF), a comment carrying <paramref name="variant"/>, SOF0 with the size, SOS, EOI.</summary>
    /// <param name="width">Width in the SOF0 header.</param>
    /// <param name="height">Height in the SOF0 header.</param>
    /// <param name="variant">Makes the bytes unique.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Jpeg(int width, int height, int variant = 0)
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(v, variant);
        bytes.AddRange([0xFF, 0xFE, 0x00, 0x06]);
        bytes.AddRange(v.ToArray());
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00]);
        bytes.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0x56]);
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    /// <summary>A PNG-structured frame: signature, IHDR with the size, a private chunk carrying <paramref name="variant"/>, IEND.</summary>
    /// <param name="width">Width in IHDR.</param>
    /// <param name="height">Height in IHDR.</param>
    /// <param name="variant">Makes the bytes unique.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Png(int width, int height, int variant = 0)
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        AddChunk(bytes, "IHDR", ihdr);
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(v, variant);
        AddChunk(bytes, "vaRi", v);
        AddChunk(bytes, "IEND", []);
        return [.. bytes];
    }

    /// <summary>Reads back the <c>variant</c> a frame from <see cref="Jpeg"/> or <see cref="Png"/> was built with.</summary>
    /// <param name="frame">The frame bytes.</param>
    /// <returns>The variant, or <see langword="null"/> when the bytes were not built here.</returns>
    public static int? ReadVariant(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > 28 && frame[0] == 0xFF && frame[20] == 0xFF && frame[21] == 0xFE)
        {
            return BinaryPrimitives.ReadInt32BigEndian(frame[24..]);
        }

        if (frame.Length > 45 && frame[0] == 0x89 && frame.Slice(37, 4).SequenceEqual("vaRi"u8))
        {
            return BinaryPrimitives.ReadInt32BigEndian(frame[41..]);
        }

        return null;
    }

    private static void AddChunk(List<byte> bytes, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        bytes.AddRange(length.ToArray());
        var chunk = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++)
        {
            chunk[i] = (byte)type[i];
        }

        data.CopyTo(chunk.AsSpan(4));
        bytes.AddRange(chunk);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(chunk));
        bytes.AddRange(crc.ToArray());
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
