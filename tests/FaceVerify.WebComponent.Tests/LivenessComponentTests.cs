using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// &lt;faceverify-liveness&gt; in real Chromium against a real FaceVerify app (see <see cref="ComponentHost"/>): both
/// built-in challenges pass for a genuine user and fail for an attack, with the scripted analyzer of
/// <see cref="ScriptedSessionAnalyzer"/>; guidance, events, "try again", overrides and the app's hooks.
/// </summary>
public class LivenessComponentTests
{
    [TestCase("nose")]
    [TestCase("pose")]
    public async Task Check_GenuineUser_PassesWithAResultTokenAndEvents(string type)
    {
        await using var host = await ComponentHost.StartAsync(Script.Genuine);
        await using var browser = await Browser.OpenAsync(host, $"?challenge-type={type}");
        await browser.ScreenshotAsync("idle", type == "nose" ? "idle" : null);

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("challenge");
        await Assertions.Expect(browser.Component.GetByTestId("fv-countdown")).ToHaveTextAsync(new Regex(@"^\d+ s left$"));
        await Assertions.Expect(browser.Component.GetByTestId("prompt")).ToContainTextAsync(type == "nose" ? "nose into the yellow box" : "Pose 1 of 2");
        await browser.ScreenshotAsync("challenge", type);
        await browser.WaitForStateAsync("result");
        await browser.ScreenshotAsync("passed", type == "nose" ? "passed" : null);

        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync("Passed");
        await Assertions.Expect(browser.Component.GetByTestId("fv-reason")).ToHaveTextAsync("The liveness check passed.");
        var events = await browser.EventsAsync();
        events.Where(e => e.Type != "faceverify-progress").Select(e => e.Type).Should().Equal(["faceverify-started", "faceverify-result"], browser.ConsoleLog);
        events.Should().Contain(e => e.Type == "faceverify-progress");
        var started = events.First(e => e.Type == "faceverify-started").Detail;
        started.GetProperty("type").GetString().Should().Be(type);
        var result = events[^1].Detail;
        result.GetProperty("passed").GetBoolean().Should().BeTrue();
        result.GetProperty("outcome").GetString().Should().Be("passed");
        result.GetProperty("reason").GetString().Should().Be("passed");
        result.GetProperty("sessionId").GetString().Should().Be(started.GetProperty("sessionId").GetString());
        result.GetProperty("resultToken").GetString().Should().NotBeNullOrEmpty();
        (await browser.CspViolationsAsync()).Should().BeEmpty("the component runs under a strict CSP");
    }

    [TestCase("nose")]
    [TestCase("pose")]
    public async Task Check_CameraRepeatingEachPicture_UploadsNoFrameTwiceAndPasses(string type)
    {
        // A slow or stalled camera hands out the same picture several times (here each picture comes as 5 identical
        // frames). The server refuses a frame the session already holds (409 duplicate_frame); the component must not
        // spend the challenge's time uploading such repeats, and the check must still pass on the new pictures.
        await using var host = await ComponentHost.StartAsync(Script.Genuine);
        await using var browser = await Browser.OpenAsync(host, $"?challenge-type={type}", new CameraSetup { Video = CameraVideos.Repeating });

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("result", 120_000);

        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync("Passed");
        host.FramesAccepted.Should().BeGreaterThan(0);
        host.DuplicateFramesRefused.Should().Be(0, "the component never uploads a picture the session already holds ({0} frames accepted)", host.FramesAccepted);
    }

    [TestCase("nose", "Your face did not move like a real head turning")]
    [TestCase("pose", "More than one face was in the picture.")]
    public async Task Check_Attack_FailsWithTheReasonInPlainLanguage(string type, string reason)
    {
        await using var host = await ComponentHost.StartAsync(Script.Attack);
        await using var browser = await Browser.OpenAsync(host, $"?challenge-type={type}");

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("result");
        await browser.ScreenshotAsync("failed", type == "nose" ? "failed" : null);

        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync("Not passed");
        await Assertions.Expect(browser.Component.GetByTestId("fv-reason")).ToContainTextAsync(reason);
        var result = (await browser.EventsAsync()).Last(e => e.Type == "faceverify-result").Detail;
        result.GetProperty("passed").GetBoolean().Should().BeFalse();
        result.GetProperty("reason").GetString().Should().Be(type == "nose" ? "insufficient_landmark_movement" : "multiple_faces");
        result.GetProperty("outcome").GetString().Should().Be("failed");
    }

    [Test]
    public async Task TryAgain_AfterAFailure_StartsANewServerSession()
    {
        await using var host = await ComponentHost.StartAsync(Script.Attack);
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose");
        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("result");
        host.Script = Script.Genuine;

        await browser.Component.GetByTestId("fv-retry").ClickAsync();
        await browser.WaitForStateAsync("challenge");
        await browser.WaitForStateAsync("result");

        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync("Passed");
        host.SessionsStarted.Should().Be(2);
        var sessions = (await browser.EventsAsync()).Where(e => e.Type == "faceverify-started").Select(e => e.Detail.GetProperty("sessionId").GetString()).ToList();
        sessions.Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    [TestCase("none", "No face detected. Look at the camera.")]
    [TestCase("two", "More than one face detected. Only you should be in the picture.")]
    [TestCase("far", "You are too far away. Come closer.")]
    [TestCase("offcentre", "Centre your face inside the oval.")]
    public async Task PreCheck_WithADetector_AsksForOneCloseCentredFaceBeforeStarting(string detector, string prompt)
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, $"?challenge-type=nose&detector={detector}");

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("camera");

        await Assertions.Expect(browser.Component.GetByTestId("prompt")).ToHaveTextAsync(prompt);
        await Assertions.Expect(browser.Component.GetByTestId("fv-check-face")).ToHaveAttributeAsync("data-ok", "false");
        await browser.ScreenshotAsync("precheck", detector == "far" ? "precheck-too-far" : null);
        await Page(browser).WaitForTimeoutAsync(1500);
        host.SessionsStarted.Should().Be(0, "no session starts while the pre-checks fail");
    }

    [Test]
    public async Task PreCheck_OneCentredFaceInGoodLight_StartsTheCheck()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose&detector=one");

        await browser.Component.GetByTestId("fv-start").ClickAsync();

        await browser.WaitForStateAsync("challenge");
        await Assertions.Expect(browser.Component.GetByTestId("fv-check-light")).ToHaveAttributeAsync("data-ok", "true");
        var instructions = (await browser.EventsAsync()).Where(e => e.Type == "faceverify-progress").Select(e => e.Detail.GetProperty("instruction").GetString()).ToList();
        instructions.Should().ContainInOrder("camera.opening", "prompt.ready", "prompt.preparing");
    }

    [TestCase("dark", "It is too dark. Turn on a light or face a window.")]
    [TestCase("backlit", "There is bright light behind you. Turn so that the light falls on your face.")]
    public async Task PreCheck_BadLight_SaysWhatToChange(string scene, string prompt)
    {
        await using var host = await ComponentHost.StartAsync();
        var video = scene == "dark" ? CameraVideos.Dark : CameraVideos.Backlit;
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose", new CameraSetup { Video = video });

        await browser.Component.GetByTestId("fv-start").ClickAsync();

        await Assertions.Expect(browser.Component.GetByTestId("prompt")).ToHaveTextAsync(prompt);
        await Assertions.Expect(browser.Component.GetByTestId(scene == "dark" ? "fv-check-light" : "fv-check-backlight")).ToHaveAttributeAsync("data-ok", "false");
        await browser.ScreenshotAsync(scene, scene);
        host.SessionsStarted.Should().Be(0);
    }

    [Test]
    public async Task Messages_AppOverride_ReplacesTheShippedString()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?override");

        await Assertions.Expect(browser.Component.GetByTestId("fv-start")).ToHaveTextAsync("Begin verification now");
    }

    [Test]
    public async Task Alternative_OfferedByTheApp_RaisesTheEvent()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?alternative");

        await browser.Component.GetByRole(AriaRole.Button, new() { Name = "Use another way to verify" }).ClickAsync();

        (await browser.EventsAsync()).Should().ContainSingle(e => e.Type == "faceverify-alternative");
    }

    [Test]
    public async Task Alternative_SlottedLinkOfTheApp_IsShownInsteadOfTheButton()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?alternative&slot");

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Verify with a code instead" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Component.GetByTestId("fv-alternative")).ToBeHiddenAsync();
    }

    [Test]
    public async Task ReducedMotion_Preferred_TurnsTransitionsOff()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, reducedMotion: ReducedMotion.Reduce);

        var duration = await browser.Component.GetByTestId("fv-start").EvaluateAsync<string>("b => getComputedStyle(b).transitionDuration");

        duration.Should().Be("0s");
    }

    [Test]
    public async Task ReducedMotion_NotPreferred_KeepsTheShortTransition()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, reducedMotion: ReducedMotion.NoPreference);

        var duration = await browser.Component.GetByTestId("fv-start").EvaluateAsync<string>("b => getComputedStyle(b).transitionDuration");

        duration.Should().Be("0.15s");
    }

    private static IPage Page(Browser browser) => browser.Page;
}
