using System.Globalization;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// SYNTHETIC camera videos for Chromium's fake capture device, made with ffmpeg from one face of face-api.js's sample
/// photo <c>demo/sample6.jpg</c> (shipped in the npm package): 480×480 at 10 fps, 20 s, grey background, light temporal
/// noise (a camera never sends two identical frames). They are not recordings of a person.
/// <list type="bullet">
/// <item><see cref="Turning"/>: the face holds still 5 s, then over 5 s moves so its nose tip reaches the nose target of
/// the fixed-seed challenge, while a perspective warp (ramping over the first 2 s of the move) makes the face look turned
/// towards the target: a flat photo tilted towards the target, the attack the flat-object check refuses (a genuine
/// head turn for the journeys that must pass is <see cref="RenderedHeadTurnVideos"/>).</item>
/// <item><see cref="FlatTranslated"/>: the same path with no warp: a flat photo slid rigidly into the target.</item>
/// <item><see cref="Still"/>: the photo held still in the middle.</item>
/// </list>
/// A fake camera cannot follow prompts: what the session sees depends on when it starts in the video. The tests that
/// need the move to fall inside the session run &lt;faceverify-liveness&gt; without a face detector
/// (<see cref="BrowserSession.StartAsync"/> with <c>browserGuidance: false</c>), so its pre-check starts the session
/// after 2 s of good light, whatever the machine's load (with face-api.js in the browser, the pre-check waits for two
/// detections, which on the loaded 2-core machine, load average ~30, took so long that the session started after the
/// move had ended and failed at its 4th frame with the nose already in the target); the 5 s hold
/// leaves room for that 2 s and a slow camera start, and the move still ends within the nose state's 10 s.
/// </summary>
internal static class FakeCameraVideos
{
    /// <summary>The seed whose first 480×480 nose challenge puts the nose box at (161, 218), left of centre (measured).</summary>
    public const int Seed = 2;

    private static readonly Lazy<string> Directory = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "faceverify-fake-camera-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    });

    public static string SamplePhoto => Path.Combine(Repository.LocalAws, "node_modules", "@vladmandic", "face-api", "demo", "sample6.jpg");

    public static string Turning => Make("turning", warp: 0.3, move: 1);

    public static string FlatTranslated => Make("flat", warp: 0, move: 1);

    public static string Still => Make("still", warp: 0, move: 0);

    private static string Make(string name, double warp, int move)
    {
        var path = Path.Combine(Directory.Value, name + ".y4m");
        if (File.Exists(path))
        {
            return path;
        }

        var k = warp.ToString(CultureInfo.InvariantCulture);
        const string Warp = "clip((in/10-5)/2\\,0\\,1)";
        const string Move = "clip((t-5)/5\\,0\\,1)";
        var filter =
            "[1]crop=600:600:1325:123,scale=360:360,format=rgb24," +
            $"perspective=x0='-0.6*{k}*W*{Warp}':y0='-{k}*H*{Warp}':x1=W:y1=0:x2='-0.6*{k}*W*{Warp}':y2='H+{k}*H*{Warp}':x3=W:y3=H:interpolation=linear:eval=frame[t];" +
            $"[0][t]overlay=x='99-{move}*59.5*{Move}':y='50-{move}*17*{Move}':shortest=1,noise=alls=2:allf=t,format=yuv420p";
        Ffmpeg.Run("-y", "-f", "lavfi", "-i", "color=c=0x808080:s=480x480:r=10:d=20", "-loop", "1", "-framerate", "10", "-i", SamplePhoto,
            "-filter_complex", filter, "-r", "10", "-pix_fmt", "yuv420p", path);
        return path;
    }
}
