using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Debian's Chromium (never Playwright's browser download) driven by Playwright, with a fake camera playing a y4m file,
/// or with camera permission denied.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _console = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
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

    public static async Task<BrowserSession> StartAsync(Uri address, string? cameraVideo, bool denyCamera = false)
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

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = args });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1000, Height = 1100 },
            Permissions = denyCamera ? [] : ["camera"],
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var session = new BrowserSession(playwright, browser, page);
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
        await Assertions.Expect(state).ToHaveTextAsync(new Regex("^(Enrolled|Not enrolled)\\.$"), new() { Timeout = 180_000 });
        return await state.TextContentAsync() ?? string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private void AddConsole(string line)
    {
        lock (_console)
        {
            _console.Add(line);
        }
    }
}
