using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// The sample page in Chromium against the real sample host (local face engine, in-memory stores), with a fake camera
/// and the host's default options: every check on (the flat-object check, identity consistency with the engine's
/// CompareFaces, the face comparison at enrolment and login). The journeys that must pass play a head turn rendered
/// in 3D from a real photo (<see cref="RenderedHeadTurnVideos"/>); the attacks play photos moved and warped by ffmpeg
/// (<see cref="FakeCameraVideos"/>).
/// </summary>
[NonParallelizable]
public class SamplePageTests
{
    // The checks are the defaults. Only the engine calls' deadlines are sized for this shared 2-core machine (as in
    // CorpusEndToEndTests): under the load of parallel builds (load average 30-40), checks ended in 503 "temporarily
    // unavailable" after the session had decided (a flat-photo test whose video did not change included), which is
    // what engine calls outliving the default 8 s attempt timeout and its retries produce (the host log of those runs
    // was not captured; timeouts now report it).
    private static readonly string[] NoseOnly =
    [
        "--FaceVerify:EnabledChallengeTypes:0=nose", $"--FaceVerify:Sample:FixedSeed={FakeCameraVideos.Seed}",
        "--FaceVerify:Rekognition:AttemptTimeout=00:01:00", "--FaceVerify:AnalysisTimeout=00:02:00",
    ];

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
        // The challenge choice offers what the host enables (nose only here), so there is nothing to choose.
        await Assertions.Expect(page.GetByTestId("challenge-type")).ToBeDisabledAsync();
        (await page.GetByTestId("challenge-type").EvaluateAsync<string[]>("s => [...s.options].filter(o => !o.hidden).map(o => o.value)"))
            .Should().Equal("", "nose");
        // Every liveness step runs the library's component, served by MapFaceVerification at /faceverify/client.
        (await page.EvaluateAsync<bool>("() => customElements.get('faceverify-liveness') !== undefined && document.getElementById('liveness').shadowRoot !== null"))
            .Should().BeTrue();
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

        // The component (open shadow root; Playwright's locators pierce it) shows the error, its title and "Try again".
        var liveness = page.GetByTestId("liveness");
        await Assertions.Expect(liveness.GetByTestId("fv-error")).ToContainTextAsync("Camera access was denied", new() { Timeout = 60_000 });
        await Assertions.Expect(liveness.GetByRole(AriaRole.Heading, new() { Name = "Camera not available" })).ToBeVisibleAsync();
        await Assertions.Expect(liveness.GetByTestId("fv-retry")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("check-result")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("camera-denied");
    }

    [Test]
    public async Task FaceLogin_EnrolledPersonPassesTheCheck_LogsInWithHighSimilarity()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, await RenderedHeadTurnVideos.ForHostAsync(host.Address), browserGuidance: false);
        var page = browser.Page;
        await browser.SignInAsync("ada");

        (await EnrolAsync(browser, host, EnrolmentPhotos.SamePerson)).Should().Be("Enrolled.", await Diagnostics(browser, host));
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("Your face is enrolled");
        await browser.ScreenshotAsync("enrolled");

        await page.GetByTestId("start-check").ClickAsync();
        await page.GetByTestId("screen-check").WaitForAsync();
        // The camera is live and the face is found: the page asks for the nose to move into the target.
        await Assertions.Expect(page.GetByTestId("prompt")).ToContainTextAsync("nose into the yellow box", new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("challenge");
        await WaitForCheckResultAsync(browser, host);
        await browser.ScreenshotAsync("result");
        (await page.GetByTestId("fv-outcome").TextContentAsync()).Should().Be("Passed", await Diagnostics(browser, host));

        var login = await LogInWithThisFaceAsync(browser);
        await browser.ScreenshotAsync("logged-in", copyTo: Environment.GetEnvironmentVariable("FACEVERIFY_UPDATE_DOCS_IMAGES") == "1" ? Path.Combine(Repository.Root, "docs", "images", "sample-host.png") : null);
        login.Should().StartWith("Logged in: the face matches your enrolled face", await Diagnostics(browser, host));
        TestContext.Out.WriteLine($"face login similarity: {Similarity(login)}");
        Similarity(login).Should().BeGreaterThanOrEqualTo(90);
        await Assertions.Expect(page.GetByTestId("login-result")).ToHaveClassAsync(new Regex(@"\bpassed\b"));
    }

    [Test]
    public async Task Enrolment_PhotoOfAnotherPersonThanTheLiveFace_IsRefused()
    {
        // Enrolment runs a liveness check and compares the photo with the live face: a photo of someone else (here:
        // another woman than the camera shows) is refused, so nobody can set up face login with another person's face.
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, await RenderedHeadTurnVideos.ForHostAsync(host.Address), browserGuidance: false);
        var page = browser.Page;
        await browser.SignInAsync("grace");

        (await EnrolAsync(browser, host, EnrolmentPhotos.OtherPerson)).Should().Be("Not enrolled.", await Diagnostics(browser, host));
        await browser.ScreenshotAsync("enrolment-refused-other-person");

        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("does not match your live face");
        await PassTheCheckAsync(browser, host);
        var login = await LogInWithThisFaceAsync(browser);
        login.Should().Be("Login refused: You have not enrolled a face yet.", await Diagnostics(browser, host));
    }

    [Test]
    public async Task FaceLogin_AfterDeletingMyBiometricData_IsRefusedAsNotEnrolled()
    {
        await using var host = await SampleHostProcess.StartAsync(NoseOnly);
        await using var browser = await BrowserSession.StartAsync(host.Address, await RenderedHeadTurnVideos.ForHostAsync(host.Address), browserGuidance: false);
        var page = browser.Page;
        await browser.SignInAsync("ada");
        (await EnrolAsync(browser, host, EnrolmentPhotos.SamePerson)).Should().Be("Enrolled.", await Diagnostics(browser, host));

        await page.GetByTestId("delete-data").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("was deleted");
        await Assertions.Expect(page.GetByTestId("error")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("enrol-state")).ToBeEmptyAsync();
        await browser.ScreenshotAsync("deleted");

        // "Log in with my face": the component's liveness check, then the login with that passed session.
        await page.GetByTestId("login-face").ClickAsync();
        var login = await LoginResultAsync(browser);
        (await page.GetByTestId("fv-outcome").TextContentAsync()).Should().Be("Passed", await Diagnostics(browser, host));
        await browser.ScreenshotAsync("login-refused");

        login.Should().Be("Login refused: You have not enrolled a face yet.", await Diagnostics(browser, host));
    }

    [Test]
    public async Task NoseChallenge_TiltedPhotoTurnedTowardsTheTarget_FailsThePlanarMotionCheck()
    {
        // The synthetic "turning" video: one photo under a changing perspective warp, slid into the target, i.e. a tilted
        // flat photo. With the default options its landmarks' motion shows no face-like depth, so it fails as a flat photo
        // (the head turn of RenderedHeadTurnVideos, to the same target, passes in the journeys above).
        await using var run = await RunFailingCheckAsync(FakeCameraVideos.Turning, "result-tilted-photo");

        await Assertions.Expect(run.Browser.Page.GetByTestId("fv-reason")).ToContainTextAsync("flat photo");
    }

    [Test]
    public async Task NoseChallenge_FlatPhotoSlidIntoTheTarget_Fails()
    {
        await using var run = await RunFailingCheckAsync(FakeCameraVideos.FlatTranslated, "result");
        var page = run.Browser.Page;

        await Assertions.Expect(page.GetByTestId("fv-reason")).ToContainTextAsync("flat photo");
        await Assertions.Expect(page.GetByTestId("face-login")).ToBeHiddenAsync();
    }

    [Test]
    public async Task NoseChallenge_PhotoHeldStill_FailsWithAReason()
    {
        // With face-api.js guidance in the browser (the still photo does not depend on when the session starts).
        await using var run = await RunFailingCheckAsync(FakeCameraVideos.Still, "result", browserGuidance: true);
        var page = run.Browser.Page;

        (await page.GetByTestId("fv-reason").TextContentAsync()).Should().NotBeNullOrWhiteSpace();
        (await page.GetByTestId("result-detail").TextContentAsync()).Should().NotBeNullOrWhiteSpace();
    }

    /// <summary>Starts a nose-only host, runs the check with <paramref name="video"/> as the camera (by default without
    /// browser guidance, see FakeCameraVideos), and asserts "Not passed".</summary>
    private static async Task<CheckRun> RunFailingCheckAsync(string video, string screenshot, bool browserGuidance = false)
    {
        var host = await SampleHostProcess.StartAsync(NoseOnly);
        var browser = await BrowserSession.StartAsync(host.Address, video, browserGuidance: browserGuidance);
        var run = new CheckRun(host, browser);
        try
        {
            var page = browser.Page;
            await browser.SignInAsync("ada");

            await page.GetByTestId("start-check").ClickAsync();
            await WaitForCheckResultAsync(browser, host);
            await browser.ScreenshotAsync(screenshot);

            (await page.GetByTestId("fv-outcome").TextContentAsync()).Should().Be("Not passed", await Describe(page, host));
            return run;
        }
        catch
        {
            await run.DisposeAsync(); // stop the host and the browser even when the run fails
            throw;
        }
    }

    private sealed record CheckRun(SampleHostProcess Host, BrowserSession Browser) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Host.DisposeAsync();
        }
    }

    private static async Task PassTheCheckAsync(BrowserSession browser, SampleHostProcess host)
    {
        await browser.Page.GetByTestId("start-check").ClickAsync();
        await WaitForCheckResultAsync(browser, host);
        await browser.ScreenshotAsync("result");
        (await browser.Page.GetByTestId("fv-outcome").TextContentAsync()).Should().Be("Passed", await Diagnostics(browser, host));
    }

    /// <summary><see cref="BrowserSession.WaitForCheckResultAsync"/>; without a result, fails with the host's log too.</summary>
    private static async Task WaitForCheckResultAsync(BrowserSession browser, SampleHostProcess host)
    {
        try
        {
            await browser.WaitForCheckResultAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nhost log:\n{host.Log}", e);
        }
    }

    /// <summary>Enrols <paramref name="photo"/> (<see cref="BrowserSession.EnrolAsync"/>); without an answer, fails with the host's log too.</summary>
    private static async Task<string> EnrolAsync(BrowserSession browser, SampleHostProcess host, string photo)
    {
        try
        {
            return await browser.EnrolAsync(photo);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nhost log:\n{host.Log}", e);
        }
    }

    /// <summary>Presses "Log in with this face" and returns the login result the page shows.</summary>
    private static async Task<string> LogInWithThisFaceAsync(BrowserSession browser)
    {
        await browser.Page.GetByTestId("face-login").ClickAsync();
        return await LoginResultAsync(browser);
    }

    /// <summary>Waits for the login result the page shows (after a check of up to 2 minutes) and returns it.</summary>
    private static async Task<string> LoginResultAsync(BrowserSession browser)
    {
        var result = browser.Page.GetByTestId("login-result");
        await Assertions.Expect(result).ToHaveTextAsync(new Regex("^(Logged in|Login refused|Login failed)"), new() { Timeout = 360_000 });
        return await result.TextContentAsync() ?? string.Empty;
    }

    private static double Similarity(string loginText)
    {
        var match = Regex.Match(loginText, @"similarity (\d+(?:\.\d+)?)\)");
        match.Success.Should().BeTrue($"the page shows the similarity: \"{loginText}\"");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<string> Describe(IPage page, SampleHostProcess host)
        => $"outcome: {await page.GetByTestId("fv-outcome").TextContentAsync()} / reason: {await page.GetByTestId("fv-reason").TextContentAsync()} / {await page.GetByTestId("result-detail").TextContentAsync()}"
            + $" / component error: {await page.GetByTestId("fv-error").TextContentAsync()}\nhost log:\n{host.Log}";

    private static async Task<string> Diagnostics(BrowserSession browser, SampleHostProcess host)
        => $"error shown: {await browser.Page.GetByTestId("error").TextContentAsync()}\n{await Describe(browser.Page, host)}\npage console:\n{browser.ConsoleLog}";
}
