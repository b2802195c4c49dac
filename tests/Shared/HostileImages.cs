using System.Buffers.Binary;
using System.Text;

namespace FaceVerify.Tests.Shared;

/// <summary>
/// Hostile image files built byte by byte (no image library), for the tests of the image checks: a pixel bomb's
/// header, a JPEG with a second frame header, a frame rotated by EXIF, and polyglots (an image with a payload after
/// its end). Linked into the projects that need it (tests/Shared).
/// </summary>
internal static class HostileImages
{
    /// <summary>
    /// A PNG whose IHDR declares <paramref name="width"/> × <paramref name="height"/> pixels of 16-bit RGB (6 bytes a
    /// pixel: 16383² is 1.6 GB decoded), with a small IDAT and IEND: the header of a PNG decompression bomb.
    /// </summary>
    public static byte[] PngBombHeader(int width, int height)
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 16; // bit depth
        ihdr[9] = 2; // RGB
        AddChunk(bytes, "IHDR", ihdr);
        AddChunk(bytes, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        AddChunk(bytes, "IEND", []);
        return [.. bytes];
    }

    /// <summary><paramref name="jpeg"/> with a second SOF0 frame header (<paramref name="width"/> × <paramref name="height"/>) after its scan, before EOI.</summary>
    public static byte[] JpegWithSecondFrameHeader(byte[] jpeg, int width, int height)
    {
        byte[] sof = [0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00];
        return [.. jpeg.AsSpan(0, jpeg.Length - 2), .. sof, 0xFF, 0xD9];
    }

    /// <summary><paramref name="jpeg"/> with an APP1 Exif segment (IFD0 with one orientation tag) inserted before its first frame header.</summary>
    public static byte[] JpegWithOrientation(byte[] jpeg, ushort orientation, bool bigEndian = false)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        if (bigEndian)
        {
            "MM"u8.CopyTo(tiff);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), orientation);
        }
        else
        {
            "II"u8.CopyTo(tiff);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        }

        byte[] app1 = [0xFF, 0xE1, .. BigEndian16(2 + 6 + tiff.Length), .. "Exif\0\0"u8, .. tiff];
        var sof = FirstFrameHeader(jpeg);
        return [.. jpeg.AsSpan(0, sof), .. app1, .. jpeg.AsSpan(sof)];
    }

    /// <summary>A JPEG polyglot: <paramref name="jpeg"/>, then <paramref name="payload"/>, then another EOI so the file still ends like a JPEG.</summary>
    public static byte[] JpegPolyglot(byte[] jpeg, string payload)
        => [.. jpeg, .. Encoding.UTF8.GetBytes(payload), 0xFF, 0xD9];

    /// <summary>A PNG polyglot: <paramref name="png"/>, then <paramref name="payload"/>, then another IEND chunk so the file still ends like a PNG.</summary>
    public static byte[] PngPolyglot(byte[] png, string payload)
        => [.. png, .. Encoding.UTF8.GetBytes(payload), .. png.AsSpan(png.Length - 12)];

    private static int FirstFrameHeader(byte[] jpeg)
    {
        for (var i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                return i;
            }
        }

        throw new ArgumentException("No SOF0-2 frame header.", nameof(jpeg));
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static void AddChunk(List<byte> bytes, string type, byte[] data)
    {
        bytes.AddRange(BitConverter.IsLittleEndian ? BitConverter.GetBytes(data.Length).Reverse() : BitConverter.GetBytes(data.Length));
        var chunk = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        bytes.AddRange(chunk);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(chunk));
        bytes.AddRange(crc);
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
