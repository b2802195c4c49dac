using System.Buffers.Binary;

namespace FaceVerify;

/// <summary>
/// Reads an image's format and dimensions from its bytes without decoding pixels: JPEG (SOI, then markers up to the
/// first SOFn frame header, and an EOI at the end) and PNG (signature, IHDR as the first chunk, IEND at the end).
/// Anything else, or a truncated file, is refused. Allocation-free.
/// </summary>
public static class ImageHeaderReader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> PngIend => [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>The largest width or height accepted from a header; larger values are treated as corrupt.</summary>
    public const int MaxDimension = 16384;

    /// <summary>Reads the header of <paramref name="data"/>.</summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="header">The format and dimensions, when readable.</param>
    /// <returns><see cref="FrameRejection.None"/> when readable; otherwise Empty, UnsupportedFormat or Corrupt.</returns>
    public static FrameRejection TryRead(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;
        if (data.IsEmpty)
        {
            return FrameRejection.Empty;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return TryReadJpeg(data, out header);
        }

        if (data.StartsWith(PngSignature))
        {
            return TryReadPng(data, out header);
        }

        return FrameRejection.UnsupportedFormat;
    }

    private static FrameRejection TryReadPng(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;

        // Signature (8) + IHDR chunk: length (4) type (4) data (13) CRC (4), then at least IEND (12).
        if (data.Length < 8 + 25 + 12)
        {
            return FrameRejection.Corrupt;
        }

        var ihdr = data[8..];
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr) != 13 || !ihdr.Slice(4, 4).SequenceEqual("IHDR"u8))
        {
            return FrameRejection.Corrupt;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr[8..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[12..]);
        if (!data.EndsWith(PngIend) || !ValidDimensions(width, height))
        {
            return FrameRejection.Corrupt;
        }

        header = new ImageHeader(ImageFormat.Png, (int)width, (int)height);
        return FrameRejection.None;
    }

    private static FrameRejection TryReadJpeg(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;
        if (data.Length < 4 || data[^2] != 0xFF || data[^1] != 0xD9)
        {
            return FrameRejection.Corrupt; // no EOI: truncated
        }

        var position = 2;
        while (position < data.Length)
        {
            if (data[position] != 0xFF)
            {
                return FrameRejection.Corrupt;
            }

            // Skip fill bytes.
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return FrameRejection.Corrupt;
            }

            var marker = data[position++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // standalone markers
            }

            if (marker is 0xD8 or 0xD9 or 0xDA)
            {
                return FrameRejection.Corrupt; // SOI again, EOI or scan start before any frame header
            }

            if (position + 2 > data.Length)
            {
                return FrameRejection.Corrupt;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                return FrameRejection.Corrupt;
            }

            if (IsStartOfFrame(marker))
            {
                // length(2) precision(1) height(2) width(2) components(1)
                if (length < 8)
                {
                    return FrameRejection.Corrupt;
                }

                uint height = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 3)..]);
                uint width = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]);
                if (!ValidDimensions(width, height))
                {
                    return FrameRejection.Corrupt;
                }

                header = new ImageHeader(ImageFormat.Jpeg, (int)width, (int)height);
                return FrameRejection.None;
            }

            position += length;
        }

        return FrameRejection.Corrupt;
    }

    private static bool IsStartOfFrame(byte marker)
        => marker is (>= 0xC0 and <= 0xCF) and not (0xC4 or 0xC8 or 0xCC);

    private static bool ValidDimensions(uint width, uint height)
        => width is > 0 and <= MaxDimension && height is > 0 and <= MaxDimension;
}
