using System.Globalization;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Enrolment photos (JPEG) cut by ffmpeg from face-api.js's demo photos (shipped in the npm package), each showing
/// exactly one face, as the enrolment requires.
/// <list type="bullet">
/// <item><see cref="SamePerson"/>: from <c>demo/sample6.jpg</c>, the woman the camera videos show
/// (<see cref="FakeCameraVideos"/>), cut tighter so her neighbour's face is left out.</item>
/// <item><see cref="OtherPerson"/>: from <c>demo/sample1.jpg</c>, the woman on the right: a different person.</item>
/// </list>
/// </summary>
internal static class EnrolmentPhotos
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "faceverify-enrolment-photos-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    });

    public static string SamePerson => Make("same-person", "sample6.jpg", "crop=440:520:1460:123");

    public static string OtherPerson => Make("other-person", "sample1.jpg", "crop=600:600:1300:0,scale=360:360");

    private static string Make(string name, string demoPhoto, string filter)
    {
        var path = Path.Combine(Directory.Value, name + ".jpg");
        if (!File.Exists(path))
        {
            var source = Path.Combine(Repository.LocalAws, "node_modules", "@vladmandic", "face-api", "demo", demoPhoto);
            Ffmpeg.Run("-y", "-i", source, "-vf", filter, "-q:v", "3", path);
        }

        return path;
    }
}
