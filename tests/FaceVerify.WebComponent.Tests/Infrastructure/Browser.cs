using System.Text.Json;
using Microsoft.Playwright;

namespace FaceVerify.WebComponent.Tests;

/// <summary>How Chromium's camera is set up for a test.</summary>
internal sealed record CameraSetup
{
    /// <summary>A y4m video the fake camera plays; <see langword="null"/> for Chromium's generated test pattern.</summary>
    public string? Video { get; init; } = CameraVideos.Lit;

    /// <summary>Whether Chromium has fake cameras at all (without them, a headless machine has no camera).</summary>
    public bool FakeDevices { get; init; } = true;

    /// <summary>How many fake cameras (more than one shows the picker).</summary>
    public int DeviceCount { get; init; } = 1;

    /// <summary>Whether the camera permission is refused.</summary>
    public bool Deny { get; init; }
}

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, never Playwright's browser download) driven by Playwright, on the
/// component test page, with a fake camera. Collects the page's console for failure messages. Each test gets its own
/// browser context (its own storage, permissions and page); the Chromium process behind it is shared by the tests with
/// the same camera setup (<see cref="SharedChromium"/>).
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly List<string> _console = [];

    private Browser(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) => Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => Add($"page error: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The component (Playwright locators pierce its open shadow root).</summary>
    public ILocator Component => Page.GetByTestId("liveness");

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

    public static async Task<Browser> OpenAsync(ComponentHost host, string query = "", CameraSetup? camera = null, ReducedMotion? reducedMotion = null, string? initScript = null)
    {
        camera ??= new CameraSetup();
        var args = new List<string> { "--no-sandbox", "--disable-gpu", "--disable-background-networking" };
        if (camera.FakeDevices)
        {
            args.Add(camera.DeviceCount > 1 ? $"--use-fake-device-for-media-stream=device-count={camera.DeviceCount}" : "--use-fake-device-for-media-stream");
            if (camera.Video is not null)
            {
                args.Add("--use-file-for-fake-video-capture=" + camera.Video);
            }
        }

        args.Add(camera.Deny ? "--deny-permission-prompts" : "--use-fake-ui-for-media-stream");
        var browser = await SharedChromium.GetAsync(args);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 800, Height = 1000 },
            Permissions = camera.Deny ? [] : ["camera"],
            ReducedMotion = reducedMotion,
            Locale = "en-GB",
        });
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }

        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var session = new Browser(context, page);
        await session.GotoAsync(query);
        return session;
    }

    public async Task GotoAsync(string query = "")
    {
        await Page.GotoAsync("/" + query);
        await Page.WaitForFunctionAsync("() => window.__ready === true && customElements.get('faceverify-liveness') !== undefined");
    }

    /// <summary>Waits until the component is in <paramref name="state"/> (idle, camera, challenge, result, error).</summary>
    public Task WaitForStateAsync(string state, int timeoutMs = 60_000)
        => Assertions.Expect(Component).ToHaveAttributeAsync("data-state", state, new() { Timeout = timeoutMs });

    /// <summary>The events the component raised so far, as (type, detail JSON).</summary>
    public async Task<IReadOnlyList<(string Type, JsonElement Detail)>> EventsAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>("() => window.__events");
        return [.. json.EnumerateArray().Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("detail")))];
    }

    /// <summary>The text a person sees in the component now (hidden parts excluded).</summary>
    public Task<string> VisibleTextAsync()
        => Page.EvaluateAsync<string>("() => { const el = document.querySelector('faceverify-liveness'); const s = el.shadowRoot.querySelector('section'); return s.innerText + '\\n' + [...el.shadowRoot.querySelectorAll('[aria-label]')].map(n => n.getAttribute('aria-label')).join('\\n'); }");

    /// <summary>Content-Security-Policy violations the page reported.</summary>
    public Task<string[]> CspViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__csp");

    /// <summary>
    /// Saves a screenshot of the component as a test artifact and, when <paramref name="docsName"/> is set and
    /// <see cref="Repository.UpdateDocsImages"/> is on, as docs/images/web-component-NAME.png (so a test run leaves the
    /// working tree clean).
    /// </summary>
    public async Task ScreenshotAsync(string name, string? docsName = null)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}-{name}.png");
        await Component.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        TestContext.AddTestAttachment(path, name);
        if (docsName is not null && Repository.UpdateDocsImages)
        {
            Directory.CreateDirectory(Repository.DocsImages);
            File.Copy(path, Path.Combine(Repository.DocsImages, $"web-component-{docsName}.png"), overwrite: true);
        }
    }

    /// <summary>
    /// Runs axe-core (from this project's npm install) on the page and returns the serious and critical violations,
    /// WCAG 2.0/2.1 A and AA rules plus best practices, each as "rule: target".
    /// </summary>
    public async Task<IReadOnlyList<string>> AxeViolationsAsync()
    {
        File.Exists(Repository.AxeScript).Should().BeTrue($"axe-core is installed at {Repository.AxeScript} (cd tests/FaceVerify.WebComponent.Tests && npm ci)");
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
            await Page.EvaluateAsync(await File.ReadAllTextAsync(Repository.AxeScript) + "\n;window.axe = axe; true");
        }

        var result = await Page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary}`));
            }
            """);
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Add(string line)
    {
        lock (_console)
        {
            _console.Add(line);
        }
    }
}
