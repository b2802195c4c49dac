using System.Globalization;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Deletes the camera videos this test process rendered (<see cref="FakeCameraVideos"/>, <see cref="PoseCameraVideos"/>
/// and <see cref="RenderedHeadTurnVideos"/>: hundreds of megabytes of y4m per run) and stops the shared Playwright
/// driver (<see cref="BrowserSession"/>) once every test of the assembly has run.
/// </summary>
[SetUpFixture]
public sealed class CameraVideoCleanup
{
    [OneTimeTearDown]
    public void DeleteRenderedVideos()
    {
        BrowserSession.StopDriver();
        var process = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var prefix in new[] { "faceverify-fake-camera-", "faceverify-head-turn-", "faceverify-pose-frames-" })
        {
            var directory = Path.Combine(Path.GetTempPath(), prefix + process);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
