using System.Diagnostics;
using System.Globalization;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// SYNTHETIC camera videos (640×480, 10 fps, y4m) for Chromium's fake capture device, made with ffmpeg: a lit scene (a
/// skin-toned block on grey), a dark room, and a backlit scene (bright edges, dark middle). The face analysis of the
/// component tests is scripted (see <see cref="ScriptedSessionAnalyzer"/>); the videos drive the component's own
/// light and backlight pre-checks, which read the pixels.
/// </summary>
internal static class CameraVideos
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "faceverify-component-videos-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    });

    public static string Lit => Make("lit", "color=c=0x707070:s=640x480:r=10:d=6,drawbox=x=230:y=110:w=180:h=260:color=0xd8a888:t=fill");

    public static string Dark => Make("dark", "color=c=0x0c0c0c:s=640x480:r=10:d=6,drawbox=x=230:y=110:w=180:h=260:color=0x1a1410:t=fill");

    public static string Backlit => Make("backlit", "color=c=0xf4f4f4:s=640x480:r=10:d=6,drawbox=x=150:y=70:w=340:h=340:color=0x302820:t=fill");

    /// <summary>
    /// The lit scene from a camera that delivers a new picture only twice a second: each picture comes as 5
    /// byte-identical frames at 10 fps (a stalled or slow camera; the component must not upload a picture twice).
    /// </summary>
    public static string Repeating => Make("repeating", "color=c=0x707070:s=640x480:r=2:d=12,drawbox=x=230:y=110:w=180:h=260:color=0xd8a888:t=fill", outputRate: 10);

    /// <summary>Deletes the videos this test process rendered (tens of megabytes of y4m).</summary>
    public static void DeleteAll()
    {
        if (Directory.IsValueCreated && System.IO.Directory.Exists(Directory.Value))
        {
            System.IO.Directory.Delete(Directory.Value, recursive: true);
        }
    }

    private static string Make(string name, string source, int? outputRate = null)
    {
        var path = Path.Combine(Directory.Value, name + ".y4m");
        if (File.Exists(path))
        {
            return path;
        }

        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        string[] rate = outputRate is { } fps ? ["-r", fps.ToString(CultureInfo.InvariantCulture)] : [];
        foreach (var argument in new[] { "-v", "error", "-y", "-f", "lavfi", "-i", source + ",noise=alls=6:allf=t,format=yuv420p" }.Concat(rate).Concat(["-pix_fmt", "yuv420p", path]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started (apt-get install ffmpeg).");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"ffmpeg failed: {errors}");
    }
}
