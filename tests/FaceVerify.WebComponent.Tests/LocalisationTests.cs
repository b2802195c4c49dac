using System.Text.Json;
using Microsoft.Playwright;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// Each shipped language end to end: the component walks idle → pre-check → challenge → result (and the error screen),
/// and at every step the text a person sees (and the accessible names) comes from that language's catalogue: no string
/// of another catalogue shows, and the steps' own strings do.
/// </summary>
public class LocalisationTests
{
    [TestCase("en", "Liveness check", "Not passed")]
    [TestCase("de", "Lebendprüfung", "Nicht bestanden")]
    [TestCase("fr", "Vérification de présence", "Échouée")]
    [TestCase("es", "Comprobación de presencia", "No superada")]
    public async Task Locale_WholeCheck_ShowsOnlyThatLanguage(string locale, string title, string failed)
    {
        await using var host = await ComponentHost.StartAsync(Script.Attack);
        await using var browser = await Browser.OpenAsync(host, $"?challenge-type=nose&locale={locale}&alternative");
        var catalogues = JsonDocument.Parse(await browser.Page.EvaluateAsync<string>("() => JSON.stringify(customElements.get('faceverify-liveness').catalogues)")).RootElement;
        var foreign = ForeignStrings(catalogues, locale);
        foreign.Should().HaveCountGreaterThan(100, "the other catalogues supply the strings that must not show");
        var seen = new List<string>();

        async Task CheckAsync(string step)
        {
            var text = await browser.VisibleTextAsync();
            seen.Add(text);
            foreign.Where(text.Contains).Should().BeEmpty($"the {step} step in '{locale}' shows only {locale} text:\n{text}");
        }

        await Assertions.Expect(browser.Component.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await CheckAsync("idle");
        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("camera");
        await CheckAsync("pre-check");
        await browser.WaitForStateAsync("challenge");
        await CheckAsync("challenge");
        await browser.WaitForStateAsync("result");
        await CheckAsync("result");
        await Assertions.Expect(browser.Component.GetByTestId("fv-outcome")).ToHaveTextAsync(failed);
        await browser.ScreenshotAsync("result", locale == "de" ? "result-de" : null);
        (await browser.Component.EvaluateAsync<string>("el => el.shadowRoot.querySelector('section').getAttribute('lang')")).Should().Be(locale);

        // Every instruction the component announced (faceverify-progress) is in the language too.
        var announced = (await browser.EventsAsync()).Where(e => e.Type == "faceverify-progress").Select(e => e.Detail.GetProperty("text").GetString()!).ToList();
        announced.Should().NotBeEmpty();
        foreach (var text in announced)
        {
            foreign.Where(text.Contains).Should().BeEmpty($"the announcement \"{text}\" is in {locale}");
        }
    }

    [Test]
    public async Task German_ErrorScreen_IsGermanToo()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host, "?locale=de&alternative", new CameraSetup { Deny = true });
        var catalogues = JsonDocument.Parse(await browser.Page.EvaluateAsync<string>("() => JSON.stringify(customElements.get('faceverify-liveness').catalogues)")).RootElement;

        await browser.Component.GetByTestId("fv-start").ClickAsync();
        await browser.WaitForStateAsync("error");

        var text = await browser.VisibleTextAsync();
        text.Should().Contain("Kamera nicht verfügbar").And.Contain("Der Kamerazugriff wurde verweigert").And.Contain("Erneut versuchen").And.Contain("Auf andere Weise bestätigen");
        ForeignStrings(catalogues, "de").Where(text.Contains).Should().BeEmpty(text);
        await browser.ScreenshotAsync("error-de", "error-de");
    }

    [Test]
    public async Task Locale_NoAttribute_FollowsTheBrowserLanguage()
    {
        await using var host = await ComponentHost.StartAsync();
        await using var browser = await Browser.OpenAsync(host);

        // The test browser's locale is en-GB: English. Switching navigator.languages to French switches the component.
        await Assertions.Expect(browser.Component.GetByTestId("fv-start")).ToHaveTextAsync("Start the check");
        await browser.Page.EvaluateAsync("() => { Object.defineProperty(navigator, 'languages', { value: ['fr-CA', 'fr'], configurable: true }); document.querySelector('faceverify-liveness').refreshText(); }");

        await Assertions.Expect(browser.Component.GetByTestId("fv-start")).ToHaveTextAsync("Commencer la vérification");
    }

    /// <summary>The strings of the other catalogues that differ from this locale's own for the same key (longer than 4 characters).</summary>
    private static List<string> ForeignStrings(JsonElement catalogues, string locale)
    {
        var own = catalogues.GetProperty(locale);
        var foreign = new List<string>();
        foreach (var other in catalogues.EnumerateObject().Where(c => c.Name != locale))
        {
            foreach (var entry in other.Value.EnumerateObject())
            {
                var value = entry.Value.GetString()!;
                var stem = value.Split('{')[0].Trim();
                if (stem.Length > 4 && !own.EnumerateObject().Any(o => o.Value.GetString()!.Contains(stem, StringComparison.Ordinal)))
                {
                    foreign.Add(stem);
                }
            }
        }

        return foreign;
    }
}
