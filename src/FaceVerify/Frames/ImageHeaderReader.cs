using System.Buffers.Binary;

namespace FaceVerify;

/// <summary>
/// Reads an image's format, dimensions and EXIF orientation from its bytes without decoding pixels, and checks that
/// the bytes are exactly one image: a JPEG is walked marker by marker from SOI through its scans to an EOI that must
/// be the last two bytes, with exactly one SOFn frame header; a PNG is walked chunk by chunk from IHDR to an IEND
/// that must end the file. Bytes appended after the image (a polyglot's payload, a second image) and JPEGs with
/// several frame headers are refused as <see cref="FrameSubmissionReason.Corrupt"/>. Anything else, or a truncated file, is
/// refused. Allocation-free.
/// </summary>
public static class ImageHeaderReader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> ExifPrefix => "Exif\0\0"u8;

    /// <summary>The largest width or height accepted from a header; larger values are treated as corrupt.</summary>
    public const int MaxDimension = 16384;

    /// <summary>The EXIF orientation tag.</summary>
    private const ushort OrientationTag = 0x0112;

    /// <summary>Reads the header of <paramref name="data"/>, without a pixel-count limit.</summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="header">The format, dimensions and orientation, when readable.</param>
    /// <returns><see cref="FrameSubmissionReason.None"/> when readable; otherwise Empty, UnsupportedFormat or Corrupt.</returns>
    public static FrameSubmissionReason TryRead(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;
        if (data.IsEmpty)
        {
            return FrameSubmissionReason.Empty;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return TryReadJpeg(data, out header);
        }

        if (data.StartsWith(PngSignature))
        {
            return TryReadPng(data, out header);
        }

        return FrameSubmissionReason.UnsupportedFormat;
    }

    /// <summary>
    /// Reads the header of <paramref name="data"/> and refuses images with more than <paramref name="maxPixels"/> pixels
    /// (width × height, as declared by the header), so a small file that would decode to gigabytes is refused before it
    /// is stored or sent to an analyzer.
    /// </summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="maxPixels">The largest accepted width × height.</param>
    /// <param name="header">The format, dimensions and orientation, when readable.</param>
    /// <returns><see cref="FrameSubmissionReason.None"/> when readable and small enough; otherwise Empty, UnsupportedFormat, Corrupt or TooManyPixels.</returns>
    public static FrameSubmissionReason TryRead(ReadOnlySpan<byte> data, long maxPixels, out ImageHeader header)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        var result = TryRead(data, out header);
        return result == FrameSubmissionReason.None && header.Pixels > maxPixels ? FrameSubmissionReason.TooManyPixels : result;
    }

    private static FrameSubmissionReason TryReadPng(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;

        // Signature (8) + IHDR chunk: length (4) type (4) data (13) CRC (4), then at least IEND (12).
        if (data.Length < 8 + 25 + 12)
        {
            return FrameSubmissionReason.Corrupt;
        }

        var ihdr = data[8..];
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr) != 13 || !ihdr.Slice(4, 4).SequenceEqual("IHDR"u8))
        {
            return FrameSubmissionReason.Corrupt;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr[8..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[12..]);
        if (!ValidDimensions(width, height))
        {
            return FrameSubmissionReason.Corrupt;
        }

        // Walk every chunk: length (4), type (4), data, CRC (4). IEND must be the last bytes of the file.
        var orientation = 0;
        var position = 8 + 25;
        while (true)
        {
            if (position + 12 > data.Length)
            {
                return FrameSubmissionReason.Corrupt;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            if (length > int.MaxValue || length > (uint)(data.Length - position - 12))
            {
                return FrameSubmissionReason.Corrupt;
            }

            var type = data.Slice(position + 4, 4);
            var body = data.Slice(position + 8, (int)length);
            position += 12 + (int)length;
            if (type.SequenceEqual("IHDR"u8))
            {
                return FrameSubmissionReason.Corrupt; // a second header
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                orientation = MergeOrientation(orientation, ReadTiffOrientation(body));
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                if (length != 0 || position != data.Length)
                {
                    return FrameSubmissionReason.Corrupt; // bytes after the image
                }

                header = new ImageHeader(ImageFormat.Png, (int)width, (int)height) { Orientation = orientation };
                return FrameSubmissionReason.None;
            }
        }
    }

    private static FrameSubmissionReason TryReadJpeg(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;
        if (data.Length < 4 || data[^2] != 0xFF || data[^1] != 0xD9)
        {
            return FrameSubmissionReason.Corrupt; // no EOI: truncated
        }

        uint width = 0;
        uint height = 0;
        var frames = 0;
        var scans = 0;
        var orientation = 0;
        var position = 2;
        while (position < data.Length)
        {
            if (data[position] != 0xFF)
            {
                return FrameSubmissionReason.Corrupt;
            }

            // Skip fill bytes.
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return FrameSubmissionReason.Corrupt;
            }

            var marker = data[position++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // standalone markers
            }

            if (marker == 0xD9)
            {
                // EOI: it must end the file (nothing appended), after exactly one frame header and at least one scan.
                if (position != data.Length || frames != 1 || scans == 0)
                {
                    return FrameSubmissionReason.Corrupt;
                }

                header = new ImageHeader(ImageFormat.Jpeg, (int)width, (int)height) { Orientation = orientation };
                return FrameSubmissionReason.None;
            }

            if (marker is 0xD8 or 0x00)
            {
                return FrameSubmissionReason.Corrupt; // SOI again, or a stuffed zero outside a scan
            }

            if (position + 2 > data.Length)
            {
                return FrameSubmissionReason.Corrupt;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                return FrameSubmissionReason.Corrupt;
            }

            var segment = data.Slice(position + 2, length - 2);
            position += length;
            if (IsStartOfFrame(marker))
            {
                // precision(1) height(2) width(2) components(1); a second frame header is refused: decoders fail on it
                // later (the whole session), or read a frame of another size than the one checked here.
                if (++frames > 1 || segment.Length < 6)
                {
                    return FrameSubmissionReason.Corrupt;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                if (!ValidDimensions(width, height))
                {
                    return FrameSubmissionReason.Corrupt;
                }
            }
            else if (marker == 0xE1 && segment.StartsWith(ExifPrefix))
            {
                orientation = MergeOrientation(orientation, ReadTiffOrientation(segment[ExifPrefix.Length..]));
            }
            else if (marker == 0xDA)
            {
                if (frames == 0)
                {
                    return FrameSubmissionReason.Corrupt; // scan before any frame header
                }

                scans++;
                position = SkipEntropyCodedData(data, position);
            }
        }

        return FrameSubmissionReason.Corrupt;
    }

    /// <summary>The position of the next marker after a scan's entropy-coded data (stuffed zeros and restart markers belong to the data).</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            var next = data[position..].IndexOf((byte)0xFF);
            if (next < 0)
            {
                return data.Length;
            }

            position += next;
            if (position + 1 >= data.Length)
            {
                return position;
            }

            var following = data[position + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7)
            {
                position += 2;
                continue;
            }

            if (following == 0xFF)
            {
                position++; // fill byte before a marker
                continue;
            }

            return position;
        }
    }

    /// <summary>Several orientation tags: any value other than 1 (or unreadable) wins, so a later tag cannot hide a rotation.</summary>
    private static int MergeOrientation(int current, int found)
        => current is 0 or 1 ? found is 0 ? current : found : current;

    /// <summary>
    /// The orientation tag (1–8) of IFD0 in a TIFF structure (the body of a JPEG's Exif APP1 segment or of a PNG's
    /// eXIf chunk); 0 when there is no orientation tag; -1 when the structure cannot be read (treated as a rotation by
    /// callers that refuse one).
    /// </summary>
    private static int ReadTiffOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return -1;
        }

        bool little;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            little = true;
        }
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            little = false;
        }
        else
        {
            return -1;
        }

        if (Read16(tiff[2..], little) != 42)
        {
            return -1;
        }

        var ifd = Read32(tiff[4..], little);
        if (ifd < 8 || ifd > (uint)(tiff.Length - 2))
        {
            return -1;
        }

        int count = Read16(tiff[(int)ifd..], little);
        var entries = (int)ifd + 2;
        if (entries + (count * 12) > tiff.Length)
        {
            return -1;
        }

        for (var i = 0; i < count; i++)
        {
            var entry = tiff.Slice(entries + (i * 12), 12);
            if (Read16(entry, little) != OrientationTag)
            {
                continue;
            }

            // type SHORT (3), count 1, value in the first two bytes of the value field
            if (Read16(entry[2..], little) != 3 || Read32(entry[4..], little) != 1)
            {
                return -1;
            }

            var value = Read16(entry[8..], little);
            return value is >= 1 and <= 8 ? value : -1;
        }

        return 0;
    }

    private static ushort Read16(ReadOnlySpan<byte> data, bool little)
        => little ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint Read32(ReadOnlySpan<byte> data, bool little)
        => little ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);

    private static bool IsStartOfFrame(byte marker)
        => marker is (>= 0xC0 and <= 0xCF) and not (0xC4 or 0xC8 or 0xCC);

    private static bool ValidDimensions(uint width, uint height)
        => width is > 0 and <= MaxDimension && height is > 0 and <= MaxDimension;
}
