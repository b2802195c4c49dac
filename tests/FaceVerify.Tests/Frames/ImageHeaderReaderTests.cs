using FaceVerify.Testing;

namespace FaceVerify.Tests.Frames;

public class ImageHeaderReaderTests
{
    [Test]
    public void TryRead_Jpeg_ReadsSizeFromSof0()
    {
        ImageHeaderReader.TryRead(TestFrames.Jpeg(640, 480), out var header).Should().Be(FrameSubmissionReason.None);

        header.Should().Be(new ImageHeader(ImageFormat.Jpeg, 640, 480));
    }

    [Test]
    public void TryRead_Png_ReadsSizeFromIhdr()
    {
        ImageHeaderReader.TryRead(TestFrames.Png(320, 240), out var header).Should().Be(FrameSubmissionReason.None);

        header.Should().Be(new ImageHeader(ImageFormat.Png, 320, 240));
    }

    [Test]
    public void TryRead_RealJpegFromFaceApiSamples_ReadsItsSize()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Images", "face-480.jpg");
        ImageHeaderReader.TryRead(File.ReadAllBytes(path), out var header).Should().Be(FrameSubmissionReason.None);

        header.Should().Be(new ImageHeader(ImageFormat.Jpeg, 480, 480));
    }

    [Test]
    public void TryRead_Empty_IsEmpty()
    {
        ImageHeaderReader.TryRead([], out _).Should().Be(FrameSubmissionReason.Empty);
    }

    [TestCase(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })] // GIF
    [TestCase(new byte[] { 0x00, 0x00, 0x00, 0x00, (byte)'J', (byte)'F', (byte)'I', (byte)'F' })] // the reference's imghdr-only sniff accepted "XXXXXXJFIF"
    [TestCase(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    public void TryRead_NonImageBytes_IsUnsupportedFormat(byte[] bytes)
    {
        ImageHeaderReader.TryRead(bytes, out _).Should().Be(FrameSubmissionReason.UnsupportedFormat);
    }

    [Test]
    public void TryRead_TruncatedJpeg_IsCorrupt()
    {
        var jpeg = TestFrames.Jpeg(480, 480);

        for (var length = 3; length < jpeg.Length; length++)
        {
            ImageHeaderReader.TryRead(jpeg.AsSpan(0, length), out _).Should().Be(FrameSubmissionReason.Corrupt, $"truncated to {length} bytes");
        }
    }

    [Test]
    public void TryRead_TruncatedPng_IsCorrupt()
    {
        var png = TestFrames.Png(480, 480);

        for (var length = 8; length < png.Length; length++)
        {
            ImageHeaderReader.TryRead(png.AsSpan(0, length), out _).Should().Be(FrameSubmissionReason.Corrupt, $"truncated to {length} bytes");
        }
    }

    [TestCase(0, 480)]
    [TestCase(480, 0)]
    [TestCase(ImageHeaderReader.MaxDimension + 1, 480)]
    [TestCase(65535, 65535)]
    public void TryRead_JpegWithImpossibleDimensions_IsCorrupt(int width, int height)
    {
        ImageHeaderReader.TryRead(TestFrames.Jpeg(width, height), out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [TestCase(0, 480)]
    [TestCase(int.MaxValue, 480)]
    [TestCase(-1, -1)]
    public void TryRead_PngWithImpossibleDimensions_IsCorrupt(int width, int height)
    {
        ImageHeaderReader.TryRead(TestFrames.Png(width, height), out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [Test]
    public void TryRead_JpegWithSegmentLengthPastTheEnd_IsCorrupt()
    {
        var jpeg = TestFrames.Jpeg(480, 480);
        jpeg[4] = 0xFF; // APP0 length high byte: points far beyond the data

        ImageHeaderReader.TryRead(jpeg, out _).Should().Be(FrameSubmissionReason.Corrupt);
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
            if (result == FrameSubmissionReason.None)
            {
                header.Width.Should().BeInRange(1, ImageHeaderReader.MaxDimension);
                header.Height.Should().BeInRange(1, ImageHeaderReader.MaxDimension);
            }
        }
    }
    [Test]
    public void TryRead_JpegWithSecondFrameHeader_IsCorrupt()
    {
        var jpeg = HostileImages.JpegWithSecondFrameHeader(TestFrames.Jpeg(640, 480), 16383, 16383);

        ImageHeaderReader.TryRead(jpeg, out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [Test]
    public void TryRead_JpegWithBytesAfterItsEnd_IsCorrupt()
    {
        var polyglot = HostileImages.JpegPolyglot(TestFrames.Jpeg(640, 480), "<html><script>alert(1)</script></html>");

        ImageHeaderReader.TryRead(polyglot, out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [Test]
    public void TryRead_PngWithBytesAfterIend_IsCorrupt()
    {
        var polyglot = HostileImages.PngPolyglot(TestFrames.Png(640, 480), "PK\u0003\u0004 a zip archive");

        ImageHeaderReader.TryRead(polyglot, out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [Test]
    public void TryRead_PngWithSecondIhdr_IsCorrupt()
    {
        var png = TestFrames.Png(640, 480);
        byte[] twoHeaders = [.. png.AsSpan(0, 33), .. png.AsSpan(8, 25), .. png.AsSpan(33)];

        ImageHeaderReader.TryRead(twoHeaders, out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [Test]
    public void TryRead_JpegWithoutScan_IsCorrupt()
    {
        byte[] noScan = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9];

        ImageHeaderReader.TryRead(noScan, out _).Should().Be(FrameSubmissionReason.Corrupt);
    }

    [Test]
    public void TryRead_JpegScanWithStuffedBytesAndRestartMarkers_IsRead()
    {
        var jpeg = TestFrames.Jpeg(640, 480);
        byte[] scanData = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD1, 0x78];
        byte[] withData = [.. jpeg.AsSpan(0, jpeg.Length - 2), .. scanData, 0xFF, 0xD9];

        ImageHeaderReader.TryRead(withData, out var header).Should().Be(FrameSubmissionReason.None);
        header.Should().Be(new ImageHeader(ImageFormat.Jpeg, 640, 480));
    }

    [TestCase((ushort)6, false)]
    [TestCase((ushort)8, true)]
    [TestCase((ushort)3, false)]
    public void TryRead_JpegWithExifOrientation_ReportsIt(ushort orientation, bool bigEndian)
    {
        var jpeg = HostileImages.JpegWithOrientation(TestFrames.Jpeg(640, 480, variant: 7), orientation, bigEndian);

        ImageHeaderReader.TryRead(jpeg, out var header).Should().Be(FrameSubmissionReason.None);
        header.Orientation.Should().Be(orientation);
        header.IsUpright.Should().BeFalse();
        TestFrames.ReadVariant(jpeg).Should().Be(7);
    }

    [Test]
    public void TryRead_JpegWithOrientationOne_IsUpright()
    {
        var jpeg = HostileImages.JpegWithOrientation(TestFrames.Jpeg(640, 480), 1);

        ImageHeaderReader.TryRead(jpeg, out var header).Should().Be(FrameSubmissionReason.None);
        header.IsUpright.Should().BeTrue();
    }

    [Test]
    public void TryRead_JpegWithUnreadableExif_IsNotUpright()
    {
        var jpeg = HostileImages.JpegWithOrientation(TestFrames.Jpeg(640, 480), 6);
        var exif = jpeg.AsSpan().IndexOf("Exif\0\0"u8);
        jpeg[exif + 6] = (byte)'X'; // byte order mark no longer II/MM

        ImageHeaderReader.TryRead(jpeg, out var header).Should().Be(FrameSubmissionReason.None);
        header.Orientation.Should().Be(-1);
        header.IsUpright.Should().BeFalse();
    }

    [Test]
    public void TryRead_FrameWithoutExif_IsUpright()
    {
        ImageHeaderReader.TryRead(TestFrames.Jpeg(640, 480), out var header).Should().Be(FrameSubmissionReason.None);

        header.Orientation.Should().Be(0);
        header.IsUpright.Should().BeTrue();
    }

    [Test]
    public void TryRead_PixelBombHeaderOverTheLimit_IsTooManyPixels()
    {
        var bomb = HostileImages.PngBombHeader(16383, 16383);

        ImageHeaderReader.TryRead(bomb, 16_777_216, out var header).Should().Be(FrameSubmissionReason.TooManyPixels);
        header.Pixels.Should().Be(16383L * 16383);
        ImageHeaderReader.TryRead(bomb, out _).Should().Be(FrameSubmissionReason.None, "without a limit only the structure is checked");
    }

    [TestCase(4096, 4096, FrameSubmissionReason.None)]
    [TestCase(4097, 4096, FrameSubmissionReason.TooManyPixels)]
    public void TryRead_PixelLimit_IsWidthTimesHeight(int width, int height, FrameSubmissionReason expected)
    {
        ImageHeaderReader.TryRead(TestFrames.Jpeg(width, height), 4096 * 4096, out _).Should().Be(expected);
    }
}
