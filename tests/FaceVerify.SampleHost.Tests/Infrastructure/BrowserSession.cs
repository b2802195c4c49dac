using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Debian's Chromium (never Playwright's browser download) driven by Playwright, with a fake camera playing a y4m file,
/// or with camera permission denied.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    // One Playwright driver (a node process) for the test run; each test still launches its own Chromium (the fake
    // camera's video is a launch argument).
    private static readonly SemaphoreSlim DriverGate = new(1, 1);
    private static IPlaywright? _driver;

    private readonly IBrowser _browser;
    private readonly List<string> _console = [];

    private BrowserSession(IBrowser browser, IPage page)
    {
        _browser = browser;
        Page = page;
        page.Console += (_, message) => AddConsole($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => AddConsole($"page error: {error}");
    }

    public IPage Page { get; }

    /// <summary>The page's console messages and uncaught errors so far, for failure messages.</summary>
    public string ConsoleLog
    {
        get
        {
            lock (_console)
            {
                return string.Join('\n', _console);
            }
        }
    }

    /// <summary>Starts Chromium with a fake camera playing <paramref name="cameraVideo"/> (or none) and opens the page.</summary>
    /// <param name="address">The sample host.</param>
    /// <param name="cameraVideo">A y4m file for the fake camera, or null for Chromium's built-in test pattern.</param>
    /// <param name="denyCamera">Deny the camera permission.</param>
    /// <param name="browserGuidance">
    /// False: the face-api.js files are not served to this browser, so the page runs the component without a face
    /// detector, its designed fallback (the pre-check then waits 2 s of good light instead of two detections, which makes
    /// the session's start in the fake camera's video independent of the machine's load; see FakeCameraVideos).
    /// </param>
    public static async Task<BrowserSession> StartAsync(Uri address, string? cameraVideo, bool denyCamera = false, bool browserGuidance = true)
    {
        var args = new List<string> { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--use-fake-device-for-media-stream" };
        if (denyCamera)
        {
            args.Add("--deny-permission-prompts");
        }
        else
        {
            args.Add("--use-fake-ui-for-media-stream");
        }

        if (cameraVideo is not null)
        {
            args.Add("--use-file-for-fake-video-capture=" + cameraVideo);
        }

        var playwright = await DriverAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = args });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1000, Height = 1100 },
            Permissions = denyCamera ? [] : ["camera"],
        });
        var page = await context.NewPageAsync();
        if (!browserGuidance)
        {
            await page.RouteAsync("**/vendor/face-api/**", route => route.AbortAsync());
        }

        page.SetDefaultTimeout(30_000);
        var session = new BrowserSession(browser, page);
        await page.GotoAsync("/");
        return session;
    }

    /// <summary>Saves a screenshot as a test artifact (and, when <paramref name="copyTo"/> is set, to that path too).</summary>
    public async Task ScreenshotAsync(string name, string? copyTo = null)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        if (copyTo is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copyTo)!);
            File.Copy(path, copyTo, overwrite: true);
        }
    }

    public async Task SignInAsync(string user)
    {
        await Page.GetByTestId("user-name").FillAsync(user);
        await Page.GetByTestId("signin").ClickAsync();
        await Page.GetByTestId("screen-home").WaitForAsync();
    }

    /// <summary>
    /// Uploads <paramref name="photo"/> with the page's "Upload a photo…" control; the page then runs a liveness check
    /// with the camera and sends the photo with that passed session. Waits for the answer.
    /// </summary>
    /// <returns>The enrolment state the page shows ("Enrolled." or "Not enrolled.").</returns>
    public async Task<string> EnrolAsync(string photo)
    {
        await Page.GetByTestId("enrol-file").SetInputFilesAsync(photo);
        var state = Page.GetByTestId("enrol-state");
        try
        {
            await Assertions.Expect(state).ToHaveTextAsync(new Regex("^(Enrolled|Not enrolled)\\.$"), new() { Timeout = 360_000 });
        }
        catch (PlaywrightException)
        {
            await ScreenshotAsync("no-enrolment-answer");
            throw new TimeoutException($"No enrolment answer. The component shows: {await ComponentStateAsync()}\npage console:\n{ConsoleLog}");
        }

        return await state.TextContentAsync() ?? string.Empty;
    }

    /// <summary>
    /// Waits until the page shows the result of a liveness check (the component answered <c>faceverify-result</c>);
    /// on a timeout, fails with what the component shows (state, instruction, pre-checks, error) and a screenshot.
    /// </summary>
    public async Task WaitForCheckResultAsync(float timeoutMs = 300_000)
    {
        try
        {
            await Page.GetByTestId("check-result").WaitForAsync(new() { Timeout = timeoutMs });
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync("no-result");
            throw new TimeoutException($"No check result after {timeoutMs / 1000} s. The component shows: {await ComponentStateAsync()}\npage console:\n{ConsoleLog}");
        }
    }

    /// <summary>What &lt;faceverify-liveness&gt; shows now (read through its open shadow root), for failure messages.</summary>
    public Task<string> ComponentStateAsync() => Page.EvaluateAsync<string>(
        "() => { const el = document.getElementById('liveness'); const r = el.shadowRoot; const text = (id) => r.querySelector(`[data-testid=\"${id}\"]`)?.textContent;"
        + " return `state=${el.state}; instruction=\"${text('prompt')}\"; checks=${['light','backlight','face'].map(c => c + ':' + text('fv-check-' + c)).join(', ')}; error=\"${text('fv-error')}\"; outcome=\"${text('fv-outcome')}\"; countdown=\"${text('fv-countdown')}\"`; }");

    public async ValueTask DisposeAsync() => await _browser.CloseAsync();

    /// <summary>Stops the shared Playwright driver (after the last test).</summary>
    public static void StopDriver()
    {
        DriverGate.Wait();
        try
        {
            _driver?.Dispose();
            _driver = null;
        }
        finally
        {
            DriverGate.Release();
        }
    }

    private static async Task<IPlaywright> DriverAsync()
    {
        await DriverGate.WaitAsync();
        try
        {
            return _driver ??= await Playwright.CreateAsync();
        }
        finally
        {
            DriverGate.Release();
        }
    }

    private void AddConsole(string line)
    {
        lock (_console)
        {
            _console.Add(line);
        }
    }
}
