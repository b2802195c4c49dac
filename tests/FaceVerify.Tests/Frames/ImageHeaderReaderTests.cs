using FaceVerify.Testing;

namespace FaceVerify.Tests.Frames;

public class ImageHeaderReaderTests
{
    [Test]
    public void TryRead_Jpeg_ReadsSizeFromSof0()
    {
        ImageHeaderReader.TryRead(TestFrames.Jpeg(640, 480), out var header).Should().Be(FrameRejection.None);

        header.Should().Be(new ImageHeader(ImageFormat.Jpeg, 640, 480));
    }

    [Test]
    public void TryRead_Png_ReadsSizeFromIhdr()
    {
        ImageHeaderReader.TryRead(TestFrames.Png(320, 240), out var header).Should().Be(FrameRejection.None);

        header.Should().Be(new ImageHeader(ImageFormat.Png, 320, 240));
    }

    [Test]
    public void TryRead_RealJpegFromFaceApiSamples_ReadsItsSize()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Images", "face-480.jpg");
        ImageHeaderReader.TryRead(File.ReadAllBytes(path), out var header).Should().Be(FrameRejection.None);

        header.Should().Be(new ImageHeader(ImageFormat.Jpeg, 480, 480));
    }

    [Test]
    public void TryRead_Empty_IsEmpty()
    {
        ImageHeaderReader.TryRead([], out _).Should().Be(FrameRejection.Empty);
    }

    [TestCase(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })] // GIF
    [TestCase(new byte[] { 0x00, 0x00, 0x00, 0x00, (byte)'J', (byte)'F', (byte)'I', (byte)'F' })] // the reference's imghdr-only sniff accepted "XXXXXXJFIF"
    [TestCase(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    public void TryRead_NonImageBytes_IsUnsupportedFormat(byte[] bytes)
    {
        ImageHeaderReader.TryRead(bytes, out _).Should().Be(FrameRejection.UnsupportedFormat);
    }

    [Test]
    public void TryRead_TruncatedJpeg_IsCorrupt()
    {
        var jpeg = TestFrames.Jpeg(480, 480);

        for (var length = 3; length < jpeg.Length; length++)
        {
            ImageHeaderReader.TryRead(jpeg.AsSpan(0, length), out _).Should().Be(FrameRejection.Corrupt, $"truncated to {length} bytes");
        }
    }

    [Test]
    public void TryRead_TruncatedPng_IsCorrupt()
    {
        var png = TestFrames.Png(480, 480);

        for (var length = 8; length < png.Length; length++)
        {
            ImageHeaderReader.TryRead(png.AsSpan(0, length), out _).Should().Be(FrameRejection.Corrupt, $"truncated to {length} bytes");
        }
    }

    [TestCase(0, 480)]
    [TestCase(480, 0)]
    [TestCase(ImageHeaderReader.MaxDimension + 1, 480)]
    [TestCase(65535, 65535)]
    public void TryRead_JpegWithImpossibleDimensions_IsCorrupt(int width, int height)
    {
        ImageHeaderReader.TryRead(TestFrames.Jpeg(width, height), out _).Should().Be(FrameRejection.Corrupt);
    }

    [TestCase(0, 480)]
    [TestCase(int.MaxValue, 480)]
    [TestCase(-1, -1)]
    public void TryRead_PngWithImpossibleDimensions_IsCorrupt(int width, int height)
    {
        ImageHeaderReader.TryRead(TestFrames.Png(width, height), out _).Should().Be(FrameRejection.Corrupt);
    }

    [Test]
    public void TryRead_JpegWithSegmentLengthPastTheEnd_IsCorrupt()
    {
        var jpeg = TestFrames.Jpeg(480, 480);
        jpeg[4] = 0xFF; // APP0 length high byte: points far beyond the data

        ImageHeaderReader.TryRead(jpeg, out _).Should().Be(FrameRejection.Corrupt);
    }

    [Test]
    public void TryRead_RandomMutationsOfValidHeaders_NeverThrow()
    {
        var rng = new Random(1234);
        var seeds = new[] { TestFrames.Jpeg(480, 480), TestFrames.Png(480, 480) };
        for (var i = 0; i < 20000; i++)
        {
            var bytes = (byte[])seeds[i % 2].Clone();
            var flips = rng.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            var result = ImageHeaderReader.TryRead(bytes.AsSpan(0, rng.Next(bytes.Length + 1)), out var header);
            if (result == FrameRejection.None)
            {
                header.Width.Should().BeInRange(1, ImageHeaderReader.MaxDimension);
                header.Height.Should().BeInRange(1, ImageHeaderReader.MaxDimension);
            }
        }
    }
}
