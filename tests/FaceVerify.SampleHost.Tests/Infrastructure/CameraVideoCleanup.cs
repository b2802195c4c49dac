using System.Globalization;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Deletes the camera videos this test process rendered (<see cref="FakeCameraVideos"/> and
/// <see cref="RenderedHeadTurnVideos"/>: tens of megabytes of y4m per run) once every test of the assembly has run.
/// </summary>
[SetUpFixture]
public sealed class CameraVideoCleanup
{
    [OneTimeTearDown]
    public void DeleteRenderedVideos()
    {
        var process = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var prefix in new[] { "faceverify-fake-camera-", "faceverify-head-turn-" })
        {
            var directory = Path.Combine(Path.GetTempPath(), prefix + process);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
