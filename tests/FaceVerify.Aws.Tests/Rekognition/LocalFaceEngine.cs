using System.Buffers.Binary;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>The Rekognition-compatible face engine of the local stack, and the demo photos shipped with face-api.</summary>
internal static class LocalFaceEngine
{
    public static async Task<RekognitionClient> ClientAsync(string collectionId)
    {
        var stack = await LocalAwsStack.GetAsync("rekognition");
        var options = new RekognitionOptions
        {
            ServiceUrl = stack.Rekognition,
            Region = stack.Region,
            CollectionId = collectionId,
            AccessKeyId = stack.AccessKeyId,
            SecretAccessKey = stack.SecretAccessKey,
            AttemptTimeout = TimeSpan.FromSeconds(60),
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        return new RekognitionClient(() => new HttpClient(), options, TimeProvider.System, NullLogger.Instance);
    }

    /// <summary>A demo photo (<c>sample1.jpg</c> … <c>sample6.jpg</c>) with its dimensions read from the JPEG header.</summary>
    public static FaceImage Sample(int n)
    {
        var path = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws", "node_modules", "@vladmandic", "face-api", "demo", $"sample{n}.jpg");
        var bytes = File.ReadAllBytes(path);
        var (width, height) = JpegSize(bytes);
        return new FaceImage(bytes, ImageFormat.Jpeg, width, height);
    }

    /// <summary>
    /// Crops one face (its bounding box, grown by <paramref name="margin"/> on each side) out of a demo photo with sharp
    /// from the local stack's node_modules, so that the crop holds exactly one face.
    /// </summary>
    public static async Task<FaceImage> CropAsync(FaceImage photo, BoundingBox box, double margin = 0.25)
    {
        var left = Math.Max(0, (int)((box.Left - (box.Width * margin)) * photo.Width));
        var top = Math.Max(0, (int)((box.Top - (box.Height * margin)) * photo.Height));
        var width = Math.Min(photo.Width - left, (int)(box.Width * (1 + (2 * margin)) * photo.Width));
        var height = Math.Min(photo.Height - top, (int)(box.Height * (1 + (2 * margin)) * photo.Height));
        var input = Path.GetTempFileName();
        var output = input + ".crop.jpg";
        try
        {
            await File.WriteAllBytesAsync(input, photo.Content.ToArray());
            var start = new System.Diagnostics.ProcessStartInfo("node")
            {
                WorkingDirectory = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws"),
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add("require('sharp')(process.argv[1]).extract({left:+process.argv[3],top:+process.argv[4],width:+process.argv[5],height:+process.argv[6]}).jpeg({quality:92}).toFile(process.argv[2]).catch(e=>{console.error(e);process.exit(1)})");
            foreach (var argument in new object[] { input, output, left, top, width, height })
            {
                start.ArgumentList.Add(Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture)!);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, errors);
            var bytes = await File.ReadAllBytesAsync(output);
            return new FaceImage(bytes, ImageFormat.Jpeg, width, height);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            var marker = jpeg[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 5)));
            }

            i += 2 + length;
        }

        throw new InvalidDataException("No JPEG frame header.");
    }
}
