using Microsoft.Playwright;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// The sample page in Chromium against the real sample host (local face engine, in-memory stores), with a fake camera.
/// The camera videos are SYNTHETIC (see <see cref="FakeCameraVideos"/>): a photo moved and warped by ffmpeg.
/// </summary>
[NonParallelizable]
public class SamplePageTests
{
    private static readonly string[] NoseOnly = ["--FaceVerify:EnabledChallengeTypes:0=nose", $"--FaceVerify:Sample:FixedSeed={FakeCameraVideos.Seed}"];

    [Test]
    public async Task Page_SignIn_ShowsDemoWarningAndHome()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, cameraVideo: null);
        var page = browser.Page;

        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("X-Demo-User");
        (await page.GetByTestId("status").GetAttributeAsync("aria-live")).Should().Be("polite");
        await browser.ScreenshotAsync("signin");
        await browser.SignInAsync("ada");

        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("Signed in (demo) as ada");
        await browser.ScreenshotAsync("home");
    }

    [Test]
    public async Task LivenessCheck_CameraDenied_ShowsAClearMessage()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, cameraVideo: null, denyCamera: true);
        var page = browser.Page;
        await browser.SignInAsync("ada");

        await page.GetByTestId("start-check").ClickAsync();

        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("Camera access was denied", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("result-outcome")).ToHaveTextAsync("Camera not available");
        await Assertions.Expect(page.GetByTestId("retry")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("camera-denied");
    }

    [Test]
    public async Task NoseChallenge_FaceMovesAndTurnsTowardsTheTarget_Passes()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, FakeCameraVideos.Turning);
        var page = browser.Page;
        await browser.SignInAsync("ada");

        await page.GetByTestId("start-check").ClickAsync();
        await page.GetByTestId("screen-camera").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("prompt")).Not.ToBeEmptyAsync();
        await browser.ScreenshotAsync("challenge");

        await page.GetByTestId("screen-result").WaitForAsync(new() { Timeout = 120_000 });
        await browser.ScreenshotAsync("result", copyTo: Path.Combine(Repository.Root, "docs", "images", "sample-host.png"));
        (await page.GetByTestId("result-outcome").TextContentAsync()).Should().Be("Passed", await Describe(page, host));
        await Assertions.Expect(page.GetByTestId("face-login")).ToBeVisibleAsync();
    }

    [Test]
    public async Task NoseChallenge_FlatPhotoSlidIntoTheTarget_Fails()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, FakeCameraVideos.FlatTranslated);
        var page = browser.Page;
        await browser.SignInAsync("ada");

        await page.GetByTestId("start-check").ClickAsync();
        await page.GetByTestId("screen-result").WaitForAsync(new() { Timeout = 120_000 });
        await browser.ScreenshotAsync("result");

        (await page.GetByTestId("result-outcome").TextContentAsync()).Should().Be("Not passed", await Describe(page, host));
        await Assertions.Expect(page.GetByTestId("result-reason")).ToContainTextAsync("flat photo");
        await Assertions.Expect(page.GetByTestId("face-login")).ToBeHiddenAsync();
    }

    [Test]
    public async Task NoseChallenge_PhotoHeldStill_FailsWithAReason()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, FakeCameraVideos.Still);
        var page = browser.Page;
        await browser.SignInAsync("ada");

        await page.GetByTestId("start-check").ClickAsync();
        await page.GetByTestId("screen-result").WaitForAsync(new() { Timeout = 120_000 });
        await browser.ScreenshotAsync("result");

        (await page.GetByTestId("result-outcome").TextContentAsync()).Should().Be("Not passed", await Describe(page, host));
        (await page.GetByTestId("result-reason").TextContentAsync()).Should().NotBeNullOrWhiteSpace();
        (await page.GetByTestId("result-detail").TextContentAsync()).Should().NotBeNullOrWhiteSpace();
    }

    private static async Task<string> Describe(IPage page, SampleHostProcess host)
        => $"reason: {await page.GetByTestId("result-reason").TextContentAsync()} / {await page.GetByTestId("result-detail").TextContentAsync()}\nhost log:\n{host.Log}";
}
