using Microsoft.Playwright;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// WCAG 2.1 AA: an axe-core scan (npm axe-core, injected from this project's node_modules) in every state reports no
/// serious or critical violation, and the whole check runs with the keyboard alone.
/// </summary>
public class AccessibilityTests
{
    [Test]
    public async Task Axe_EveryStateOfAPassingCheck_HasNoSeriousOrCriticalViolation()
    {
        await using var host = await ComponentHost.StartAsync(Script.Genuine);
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=pose&detector=none&alternative");

        (await browser.AxeViolationsAsync()).Should().BeEmpty("idle");
        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await Assertions.Expect(browser.Component.GetByTestId("prompt")).ToHaveTextAsync("No face detected. Look at the camera.");
        (await browser.AxeViolationsAsync()).Should().BeEmpty("pre-check");
        await browser.Page.EvaluateAsync("() => { document.querySelector('faceverify-liveness').detector = null; }");
        await browser.WaitForStateAsync("challenge");
        (await browser.AxeViolationsAsync()).Should().BeEmpty("challenge");
        await browser.WaitForStateAsync("result");
        (await browser.AxeViolationsAsync()).Should().BeEmpty("passed");
    }

    [Test]
    public async Task Axe_FailedResultAndGermanText_HasNoSeriousOrCriticalViolation()
    {
        await using var host = await ComponentHost.StartAsync(Script.Attack);
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose&locale=de&alternative");
        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("result");

        (await browser.AxeViolationsAsync()).Should().BeEmpty("failed result");
    }

    [Test]
    public async Task Axe_ErrorAndPickerStates_HaveNoSeriousOrCriticalViolation()
    {
        await using var host = await ComponentHost.StartAsync();
        await using (var denied = await Browser.OpenAsync(host, "?alternative", new CameraSetup { Deny = true }))
        {
            await denied.Component.GetByTestId("fv-start").ClickAsync();
            await denied.WaitForStateAsync("error");
            (await denied.AxeViolationsAsync()).Should().BeEmpty("camera error");
        }

        await using var two = await Browser.OpenAsync(host, "?detector=none", new CameraSetup { Video = null, DeviceCount = 2 });
        await two.Component.GetByTestId("fv-start").ClickAsync();
        await Assertions.Expect(two.Component.GetByTestId("fv-camera")).ToBeVisibleAsync();
        (await two.AxeViolationsAsync()).Should().BeEmpty("camera picker");
    }

    [Test]
    public async Task Keyboard_WholeCheckAndTryAgain_WorkWithoutAMouse()
    {
        await using var host = await ComponentHost.StartAsync(Script.Attack);
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose&alternative");
        var page = browser.Page;

        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).Should().Be("fv-start", "Tab reaches the start button first");
        await page.Keyboard.PressAsync("Enter");
        await browser.WaitForStateAsync("camera");
        (await FocusedAsync(page)).Should().Be("title", "focus moves to the new step's heading");
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).Should().Be("fv-cancel", "Cancel is reachable during the check");
        await browser.WaitForStateAsync("result");
        (await FocusedAsync(page)).Should().Be("title");
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).Should().Be("fv-retry");
        await browser.ScreenshotAsync("keyboard-focus", "focus");
        host.Script = Script.Genuine;
        await page.Keyboard.PressAsync("Enter");
        await browser.WaitForStateAsync("challenge");
        await browser.WaitForStateAsync("result");

        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync("Passed");
        host.SessionsStarted.Should().Be(2);
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).Should().Be("fv-alternative", "the alternative route is reachable by keyboard");
        await page.Keyboard.PressAsync("Enter");
        (await browser.EventsAsync()).Should().Contain(e => e.Type == "faceverify-alternative");
    }

    [Test]
    public async Task Keyboard_CancelWithEnter_ReturnsToTheStart()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?detector=none");
        var page = browser.Page;
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await browser.WaitForStateAsync("camera");
        await page.Keyboard.PressAsync("Tab");

        await page.Keyboard.PressAsync("Enter");

        await browser.WaitForStateAsync("idle");
        (await browser.Page.EvaluateAsync<bool>("() => document.querySelector('faceverify-liveness').shadowRoot.querySelector('video').srcObject === null")).Should().BeTrue("the camera is closed");
    }

    [Test]
    public async Task LiveRegion_InstructionsAndResult_AreAnnouncedPolitely()
    {
        await using var host = await ComponentHost.StartAsync(Script.Attack);
        await using var browser = await Browser.OpenAsync(host, "?challenge-type=nose");
        var status = browser.Component.GetByRole(AriaRole.Status);
        (await status.GetAttributeAsync("aria-live")).Should().Be("polite");

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Slowly move the tip of your nose into the yellow box.");
        await browser.WaitForStateAsync("result");

        await Assertions.Expect(status).ToHaveTextAsync("Not passed. Your face did not move like a real head turning (a flat photo or screen cannot pass).");
    }

    private static Task<string> FocusedAsync(IPage page)
        => page.EvaluateAsync<string>("() => { const el = document.querySelector('faceverify-liveness'); const a = el.shadowRoot.activeElement || document.activeElement; return a.dataset?.testid || a.id || a.tagName; }");
}
