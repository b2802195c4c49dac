using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// A camera video of a HEAD TURNING in 3D, for the journeys that must pass with every check on: the liveness corpus
/// generator (tools/local-aws/bin/render-sequence.js, docs/liveness-evidence.md) renders the face of
/// <see cref="Identity"/> — face-api.js's demo photo <c>sample6.jpg</c>, the woman of <see cref="EnrolmentPhotos.SamePerson"/>
/// — as @vladmandic/human's 468-point face mesh with its depth, textured from the photo, held still for 5 s and then
/// turned <see cref="Turn"/>° about an axis behind the head (with the slide, pitch, tremor, blur, sensor noise and JPEG
/// effects of the corpus's seed <see cref="Seed"/>) until its nose tip reaches the centre of the nose target the host
/// will draw, then held there: 480×480 at 10 fps (the page's camera size and upload rate), 20 s. ffmpeg turns the
/// frames into a y4m file for Chromium's fake camera.
/// <para>
/// The target is known in advance because the host runs with <c>FaceVerify:Sample:FixedSeed</c> (every session gets
/// the same parameters): <see cref="ForHostAsync"/> asks the host for them and renders for exactly those. Rendering is
/// deterministic (models and photos from the npm packages, seeded) and done once per parameters and test run (about
/// 30 s on 2 cores; the identities' mesh cache, <c>tools/local-aws/corpus/.cache</c>, is built on first use).
/// </para>
/// As with <see cref="FakeCameraVideos"/>, a fake camera cannot follow prompts: the tests run the component without a
/// face detector so the session starts 2 s after the camera, and the 5 s hold leaves room for that.
/// </summary>
internal static class RenderedHeadTurnVideos
{
    /// <summary>The corpus identity the video shows (sample6.jpg, the face on the right).</summary>
    public const string Identity = "sample6-3";

    /// <summary>The corpus seed of the motion and camera effects.</summary>
    public const int Seed = 1;

    /// <summary>The head's turn towards the target, in degrees.</summary>
    public const double Turn = 30;

    private const int FramesPerSecond = 10;
    /// <summary>The frames the face is held still before it turns (5 s at 10 fps).</summary>
    public const int RestFrames = 50;
    private const int TotalFrames = 200;
    private const int Size = 480;

    private static readonly ConcurrentDictionary<string, Lazy<string>> Videos = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<string>> Frames = new(StringComparer.Ordinal);

    /// <summary>Asks <paramref name="host"/> (started with a fixed seed) for its nose parameters and returns the video for them.</summary>
    public static async Task<string> ForHostAsync(Uri host)
    {
        var parameters = await NoseParametersAsync(host);
        return Videos.GetOrAdd(parameters, p => new Lazy<string>(() => Render(p))).Value;
    }

    /// <summary>
    /// Asks <paramref name="host"/> (started with a fixed seed) for its nose parameters and returns the folder of the
    /// rendered JPEG frames for them (<c>001.jpg</c>, …: 10 a second, the first <see cref="RestFrames"/> still), for tests
    /// that upload frames themselves instead of playing the video to a browser.
    /// </summary>
    public static async Task<string> FramesForHostAsync(Uri host)
    {
        var parameters = await NoseParametersAsync(host);
        return Frames.GetOrAdd(parameters, p => new Lazy<string>(() => RenderFrames(p))).Value;
    }

    /// <summary>
    /// The nose parameters the host gives a 480×480 session (the same for every session under a fixed seed), from a
    /// session started by a separate demo user that is then left to expire.
    /// </summary>
    private static async Task<string> NoseParametersAsync(Uri host)
    {
        using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "faceverify/challenge") { Content = JsonContent.Create(new { imageWidth = Size, imageHeight = Size }) };
        request.Headers.Add("X-Demo-User", "camera-video-probe");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"the host starts a session for the probe: {body}");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("type").GetString().Should().Be("nose");
        return json.RootElement.GetProperty("params").GetRawText();
    }

    /// <summary>Where the frames (and, beside them, the video) for <paramref name="parameters"/> go; deleted by <see cref="CameraVideoCleanup"/>.</summary>
    private static string Folder(string parameters)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(parameters)))[..12].ToLowerInvariant();
        return Path.Combine(Path.GetTempPath(), "faceverify-head-turn-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), hash);
    }

    private static string RenderFrames(string parameters)
    {
        var directory = Folder(parameters);
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("node") { WorkingDirectory = Repository.LocalAws, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine("bin", "render-sequence.js"), "--class", "genuine", "--seed", Seed.ToString(CultureInfo.InvariantCulture),
            "--identity", Identity, "--turn", Turn.ToString(CultureInfo.InvariantCulture), "--fps", FramesPerSecond.ToString(CultureInfo.InvariantCulture),
            "--rest-frames", RestFrames.ToString(CultureInfo.InvariantCulture), "--total-frames", TotalFrames.ToString(CultureInfo.InvariantCulture),
            "--parameters", parameters, "--out", directory,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started."))
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"render-sequence.js failed: {errors}{output.Result}");
            }
        }

        TestContext.Progress.WriteLine($"Rendered the head-turn frames for {parameters} in {watch.Elapsed.TotalSeconds:F0} s: {directory}");
        return directory;
    }

    private static string Render(string parameters)
    {
        var video = Folder(parameters) + ".y4m";
        if (File.Exists(video))
        {
            return video;
        }

        var directory = Frames.GetOrAdd(parameters, p => new Lazy<string>(() => RenderFrames(p))).Value;
        Ffmpeg.Run("-y", "-framerate", FramesPerSecond.ToString(CultureInfo.InvariantCulture), "-i", Path.Combine(directory, "%03d.jpg"),
            "-pix_fmt", "yuv420p", "-r", FramesPerSecond.ToString(CultureInfo.InvariantCulture), video + ".partial.y4m");
        File.Move(video + ".partial.y4m", video);
        return video;
    }
}
