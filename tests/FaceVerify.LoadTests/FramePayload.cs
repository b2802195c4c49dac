using System.Buffers.Binary;
using System.Text;
using FaceVerify.Testing;

namespace FaceVerify.LoadTests;

/// <summary>
/// Header-valid JPEG frames of a chosen byte size: <see cref="TestFrames.Jpeg"/> (which carries a variant the scripted
/// analyzer reads back) padded with a comment segment, so that the upload moves as many bytes as a real camera frame.
/// </summary>
internal sealed class FramePayload
{
    // TestFrames.Jpeg: SOI (2) + APP0 (18) + COM with the 4-byte variant (8): the variant sits at bytes 24..27.
    private const int VariantOffset = 24;
    private const int PaddingOffset = 28;

    private readonly byte[] _template;

    public FramePayload(int width, int height, int totalBytes)
    {
        var core = TestFrames.Jpeg(width, height, 0);
        var padding = Math.Max(0, totalBytes - core.Length - 4);
        if (padding > 65_533)
        {
            throw new ArgumentOutOfRangeException(nameof(totalBytes), "One comment segment pads at most 64 KB.");
        }

        _template = new byte[core.Length + (padding > 0 ? padding + 4 : 0)];
        core.AsSpan(0, PaddingOffset).CopyTo(_template);
        var at = PaddingOffset;
        if (padding > 0)
        {
            _template[at] = 0xFF;
            _template[at + 1] = 0xFE;
            BinaryPrimitives.WriteUInt16BigEndian(_template.AsSpan(at + 2), (ushort)(padding + 2));
            for (var i = 0; i < padding; i++)
            {
                // Pseudo-random, compressible-looking filler (never a marker byte).
                _template[at + 4 + i] = (byte)((i * 131) ^ (i >> 7) & 0x7F);
            }

            at += padding + 4;
        }

        core.AsSpan(PaddingOffset).CopyTo(_template.AsSpan(at));
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    public int Length => _template.Length;

    /// <summary>The frame with this variant (the scripted analyzer maps it to a session and a frame index).</summary>
    public byte[] Jpeg(int variant)
    {
        var bytes = (byte[])_template.Clone();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(VariantOffset), variant);
        return bytes;
    }

    /// <summary>The reference client's JSON body: <c>{"token","timestamp","frameBase64"}</c>, UTF-8.</summary>
    public static byte[] JsonBody(string token, byte[] frame)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var builder = new StringBuilder(frame.Length * 4 / 3 + token.Length + 64);
        builder.Append("{\"token\":\"").Append(token).Append("\",\"timestamp\":").Append(timestamp).Append(",\"frameBase64\":\"")
            .Append(Convert.ToBase64String(frame)).Append("\"}");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
