using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// /healthz and /readyz of the real sample host (local face engine as its child process, in-memory stores), before and
/// after the local engine is stopped: liveness stays 200, readiness turns 503 and names the failing dependencies.
/// </summary>
[NonParallelizable]
public class HealthEndpointsTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Readyz_LocalEngineStopped_503WithAnalyzerAndCollectionUnhealthyWhileHealthzStays200(CancellationToken cancellationToken)
    {
        await using var host = await SampleHostProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };

        (await http.GetAsync("/healthz", cancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        var (status, checks) = await ReadyAsync(http, cancellationToken);
        status.Should().Be(HttpStatusCode.OK, "every dependency answers while the engine runs");
        checks["faceverify-face-analyzer"].Should().Be("Healthy");
        checks["faceverify-face-collection"].Should().Be("Healthy");
        checks["faceverify-token-keys"].Should().Be("Degraded", "the sample signs with an ephemeral key");

        var engine = ChildProcessIds(host.ProcessId).Single(pid => CommandLine(pid).Contains("start.js", StringComparison.Ordinal));
        using (var process = Process.GetProcessById(engine))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }

        (status, checks) = await ReadyAsync(http, cancellationToken);
        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        checks["faceverify-face-analyzer"].Should().Be("Unhealthy");
        checks["faceverify-face-collection"].Should().Be("Unhealthy");
        checks["faceverify-attempt-store"].Should().Be("Healthy", "the in-memory stores do not depend on the engine");
        checks["faceverify-frame-store"].Should().Be("Healthy");
        (await http.GetAsync("/healthz", cancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK, "a stopped dependency must not get the process restarted");

        // An anonymous caller of /readyz learns which dependency is down, never where it is or how it is reached.
        using var unready = await http.GetAsync("/readyz", cancellationToken);
        var body = await unready.Content.ReadAsStringAsync(cancellationToken);
        body.Should().NotContain("127.0.0.1").And.NotContain("local-secret").And.NotContain("Connection refused");
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/readyz", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var checks = json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }

    private static IEnumerable<int> ChildProcessIds(int parent)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{parent}/task"))
        {
            var children = File.ReadAllText(Path.Combine(task, "children"));
            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
}
