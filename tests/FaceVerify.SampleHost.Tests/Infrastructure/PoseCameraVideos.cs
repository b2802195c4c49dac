using System.Diagnostics;
using System.Globalization;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Fake-camera videos for the pose challenge, built from REAL photos with DIGITALLY EDITED eyes: the frames come from
/// <c>tools/local-aws/test-support/pose-frames.js</c> (face-api's demo photos sample3 face 1, smiling with parted
/// lips, and sample6 face 3, mouth closed; gaze left/right = the iris moved inside each eye, eyes closed = the eye
/// opening painted over with the skin around it; the mouth is never edited). A video plays stills in a loop, each for
/// a few seconds, mirrored (the page mirrors pose frames back before upload) and with a little sensor noise.
/// </summary>
internal static class PoseCameraVideos
{
    private static readonly Lazy<string> Frames = new(MakeFrames);

    /// <summary>A frame file name: <c>smile-left</c>, <c>closed-right</c>, … (mouth, then eyes).</summary>
    public static string Frame(string name) => Path.Combine(Frames.Value, name + ".png");

    /// <summary>The stills in order, each shown for <paramref name="seconds"/>, looped by the camera.</summary>
    public static string Loop(double seconds, params string[] frames)
    {
        var name = string.Join('+', frames) + "-" + seconds.ToString(CultureInfo.InvariantCulture);
        var path = Path.Combine(Frames.Value, name + ".y4m");
        if (File.Exists(path))
        {
            return path;
        }

        var arguments = new List<string> { "-y" };
        foreach (var frame in frames)
        {
            arguments.AddRange(["-loop", "1", "-framerate", "10", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-i", Frame(frame)]);
        }

        var inputs = string.Concat(Enumerable.Range(0, frames.Length).Select(i => $"[{i}]"));
        arguments.AddRange([
            "-filter_complex", $"{inputs}concat=n={frames.Length}:v=1:a=0,hflip,noise=alls=2:allf=t,format=yuv420p[v]",
            "-map", "[v]", "-r", "10", "-pix_fmt", "yuv420p", path,
        ]);
        Ffmpeg.Run([.. arguments]);
        return path;
    }

    /// <summary>One still for 20 seconds (looped): a photo held up to the camera.</summary>
    public static string Still(string frame) => Loop(20, frame);

    private static string MakeFrames()
    {
        var dir = Path.Combine(Path.GetTempPath(), "faceverify-pose-frames-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var start = new ProcessStartInfo("node") { WorkingDirectory = Repository.LocalAws, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine("test-support", "pose-frames.js"));
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pose-frames.js failed: {errors}");
        }

        TestContext.Progress.WriteLine("The engine's reading of the pose frames:\n" + output.Result);
        return dir;
    }
}
