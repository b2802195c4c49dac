using Microsoft.Playwright;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// Camera choice and every camera failure, each with its own message, a "Camera not available" screen, a
/// <c>faceverify-error</c> event with a stable code, and a "Try again" button. Permission denied and a machine without
/// cameras are real Chromium conditions; "in use", "unsupported" and "unplugged mid-check" are simulated (an init
/// script makes getUserMedia reject with NotReadableError, removes it, or fires the track's "ended" event), because
/// Chromium's fake device cannot be made busy or unplugged.
/// </summary>
public class CameraTests
{
    private const string InUse = "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));";
    private const string Unsupported = "Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });";

    [Test]
    public async Task Camera_PermissionDenied_SaysHowToAllowIt()
        => await ExpectCameraErrorAsync(new CameraSetup { Deny = true }, null, "camera_permission_denied", "Camera access was denied", "denied");

    [Test]
    public async Task Camera_NoCameraOnTheMachine_SaysToConnectOne()
        => await ExpectCameraErrorAsync(new CameraSetup { FakeDevices = false, Video = null }, null, "camera_not_found", "No camera was found", "no-camera");

    [Test]
    public async Task Camera_InUseByAnotherApplication_SaysToCloseIt()
        => await ExpectCameraErrorAsync(new CameraSetup(), InUse, "camera_in_use", "The camera is in use by another application", "in-use");

    [Test]
    public async Task Camera_BrowserWithoutCameraSupport_SaysWhatToUse()
        => await ExpectCameraErrorAsync(new CameraSetup(), Unsupported, "camera_unsupported", "This browser cannot use a camera here", null);

    [Test]
    public async Task Camera_UnpluggedDuringTheCheck_StopsWithoutVerifying()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=pose");
        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("challenge");

        await browser.Page.EvaluateAsync("() => document.querySelector('faceverify-liveness').shadowRoot.querySelector('video').srcObject.getVideoTracks()[0].dispatchEvent(new Event('ended'))");

        await browser.WaitForStateAsync("error");
        await Assertions.Expect(browser.Component.GetByTestId("fv-error")).ToContainTextAsync("The camera was disconnected during the check");
        await browser.ScreenshotAsync("unplugged", "unplugged");
        var events = await browser.EventsAsync();
        events.Should().ContainSingle(e => e.Type == "faceverify-error").Which.Detail.GetProperty("code").GetString().Should().Be("camera_unplugged");
        events.Should().NotContain(e => e.Type == "faceverify-result", "a check whose camera went away is not verified");
    }

    [Test]
    public async Task Picker_TwoCameras_ListsThemAndRemembersTheChoice()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose&detector=none", new CameraSetup { Video = null, DeviceCount = 2 });
        await browser.Component.GetByTestId("fv-start").ClickAsync();
        var picker = browser.Component.GetByTestId("fv-camera");
        await Assertions.Expect(picker).ToBeVisibleAsync();
        await Assertions.Expect(picker.Locator("option")).ToHaveCountAsync(2);
        var second = await picker.Locator("option").Nth(1).GetAttributeAsync("value");
        await browser.Component.GetByLabel("Camera").SelectOptionAsync(second!);
        await browser.ScreenshotAsync("picker", "picker");
        await browser.Component.GetByTestId("fv-cancel").ClickAsync();

        await browser.GotoAsync("?challenge-type=nose&detector=none");
        await browser.Component.GetByTestId("fv-start").ClickAsync();

        await Assertions.Expect(browser.Component.GetByTestId("fv-camera")).ToHaveValueAsync(second!);
        (await browser.Page.EvaluateAsync<string>("() => document.querySelector('faceverify-liveness').shadowRoot.querySelector('video').srcObject.getVideoTracks()[0].getSettings().deviceId"))
            .Should().Be(second, "the remembered camera is the one opened");
    }

    [Test]
    public async Task Picker_OneCamera_IsNotShown()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose&detector=none");

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("camera");

        await Assertions.Expect(browser.Component.GetByTestId("prompt")).ToHaveTextAsync("No face detected. Look at the camera.");
        await Assertions.Expect(browser.Component.GetByTestId("fv-camera")).ToBeHiddenAsync();
    }

    [Test]
    public async Task Api_RateLimited_ShowsItsOwnMessageAndRetryWorks()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose");
        await browser.Page.EvaluateAsync("() => { window.__fetchOverride = async () => new Response(JSON.stringify({ status: 429, code: 'rate_limited' }), { status: 429, headers: { 'Content-Type': 'application/problem+json' } }); }");
        await browser.Component.GetByTestId("fv-start").ClickAsync();

        await browser.WaitForStateAsync("error");
        await Assertions.Expect(browser.Component.GetByTestId("fv-error")).ToHaveTextAsync("Too many requests. Wait a moment, then press \"Try again\".");
        await browser.Page.EvaluateAsync("() => { window.__fetchOverride = null; }");
        await browser.Component.GetByTestId("fv-retry").ClickAsync();

        await browser.WaitForStateAsync("result");
        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync("Passed");
    }

    [Test]
    public async Task Api_Unreachable_SaysToCheckTheConnection()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose");
        await browser.Page.EvaluateAsync("() => { window.__fetchOverride = async () => { throw new TypeError('Failed to fetch'); }; }");

        await browser.Component.GetByTestId("fv-start").ClickAsync();

        await browser.WaitForStateAsync("error");
        await Assertions.Expect(browser.Component.GetByTestId("fv-error")).ToContainTextAsync("The server could not be reached");
        (await browser.EventsAsync()).Should().Contain(e => e.Type == "faceverify-error" && e.Detail.GetProperty("code").GetString() == "network_error");
    }

    private static async Task ExpectCameraErrorAsync(CameraSetup camera, string? initScript, string code, string message, string? docsName)
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?alternative", camera, initScript: initScript);

        await browser.Component.GetByTestId("fv-start").ClickAsync();

        await browser.WaitForStateAsync("error");
        await Assertions.Expect(browser.Component.GetByTestId("fv-error")).ToContainTextAsync(message);
        await Assertions.Expect(browser.Component.GetByRole(AriaRole.Heading, new() { Name = "Camera not available" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Component.GetByTestId("fv-retry")).ToBeVisibleAsync();
        await Assertions.Expect(browser.Component.GetByTestId("fv-alternative")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(code, docsName);
        (await browser.EventsAsync()).Should().ContainSingle(e => e.Type == "faceverify-error").Which.Detail.GetProperty("code").GetString().Should().Be(code);
        host.SessionsStarted.Should().Be(0);
    }
}
