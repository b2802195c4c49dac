using System.Net;
using System.Text;

namespace FaceVerify.SampleHost.Tests;

/// <summary>The sample host's OpenTelemetry export: off by default, the FaceVerify spans on the console when asked for.</summary>
[NonParallelizable]
public class TelemetryExportTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task ConsoleExport_StartChallenge_PrintsTheFaceVerifySpan(CancellationToken cancellationToken)
    {
        await using var host = await SampleHostProcess.StartAsync("--FaceVerify:Sample:Telemetry=Console");

        await StartChallengeAsync(host, cancellationToken);

        await WaitForAsync(() => host.Log.Contains("FaceVerify.Start", StringComparison.Ordinal), cancellationToken);
        host.Log.Should().Contain("faceverify.challenge.type");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Default_StartChallenge_ExportsNothing(CancellationToken cancellationToken)
    {
        await using var host = await SampleHostProcess.StartAsync();

        await StartChallengeAsync(host, cancellationToken);

        host.Log.Should().NotContain("Activity.DisplayName", "telemetry export is off by default");
    }

    private static async Task StartChallengeAsync(SampleHostProcess host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/faceverify/challenge")
        {
            Content = new StringContent("{\"imageWidth\":480,\"imageHeight\":480}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Demo-User", "telemetry-test");
        using var response = await http.SendAsync(request, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
