using Microsoft.Playwright;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// One Playwright driver and one Chromium process per set of launch arguments (camera file, device count, permission
/// prompts) for the whole test run, instead of a driver and a browser per test: starting them cost about 2 s a test on
/// the loaded 2-core machine. Tests still get a fresh browser context each (<see cref="Browser"/>), so nothing a page
/// stores or is granted carries over. Closed by <see cref="SharedChromiumTeardown"/> after the last test.
/// </summary>
internal static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, IBrowser> Browsers = new(StringComparer.Ordinal);
    private static IPlaywright? _playwright;

    /// <summary>The running Chromium launched with exactly <paramref name="args"/>, started on first use.</summary>
    public static async Task<IBrowser> GetAsync(IReadOnlyList<string> args)
    {
        var key = string.Join('\n', args);
        await Gate.WaitAsync();
        try
        {
            if (Browsers.TryGetValue(key, out var running) && running.IsConnected)
            {
                return running;
            }

            _playwright ??= await Playwright.CreateAsync();
            var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = [.. args] });
            Browsers[key] = browser;
            return browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Closes every browser and the driver.</summary>
    public static async Task StopAllAsync()
    {
        await Gate.WaitAsync();
        try
        {
            foreach (var browser in Browsers.Values)
            {
                await browser.CloseAsync();
            }

            Browsers.Clear();
            _playwright?.Dispose();
            _playwright = null;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Closes the shared browsers (<see cref="SharedChromium"/>) and deletes the rendered camera videos once every test has run.</summary>
[SetUpFixture]
public sealed class SharedChromiumTeardown
{
    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await SharedChromium.StopAllAsync();
        CameraVideos.DeleteAll();
    }
}
