using System.Net;
using System.Net.Sockets;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// The sample host's first run on a machine that is not ready, as a new user meets it: it ends with exit code 2 and ONE
/// line saying what to do, never with an unhandled exception's stack trace (no browser; each run takes seconds).
/// </summary>
[NonParallelizable]
public class FirstRunTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("faceverify-firstrun-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Start_NoNode_SaysToInstallNodeOrUseAwsMode()
    {
        var run = await HostRun.RunAsync(null, "--urls", $"http://127.0.0.1:{FreePort()}", "--FaceVerify:Sample:NodePath=/nonexistent/node-20/bin/node");

        ShouldExplainInOneLine(run, "Node.js was not found");
        run.Output.Should().Contain("--FaceVerify:Sample:Mode=Aws");
    }

    [Test]
    public async Task Start_NoNodeModulesAndNpmCiFails_SaysWhatFailedAndWhatToRun()
    {
        // A tools/local-aws without node_modules, whose `npm ci` fails at once (no package-lock.json: no download tried).
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "bin", "start.js"), "process.exit(1);\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "package.json"), "{\"name\":\"local-aws-copy\",\"version\":\"1.0.0\",\"dependencies\":{\"left-pad\":\"1.3.0\"}}\n");

        var run = await HostRun.RunAsync(null, "--urls", $"http://127.0.0.1:{FreePort()}", $"--FaceVerify:Sample:LocalAwsPath={_dir}");

        ShouldExplainInOneLine(run, "`npm ci --no-audit --no-fund` failed");
    }

    [Test]
    public async Task Start_NoNpmOnThePath_SaysToInstallNpm()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "bin", "start.js"), "process.exit(1);\n");
        var dotnetDir = Path.GetDirectoryName(Environment.ProcessPath) ?? "/usr/bin";
        var path = new Dictionary<string, string> { ["PATH"] = Path.Combine(_dir, "empty-path") + Path.PathSeparator + dotnetDir };

        var run = await HostRun.RunAsync(path, "--urls", $"http://127.0.0.1:{FreePort()}", $"--FaceVerify:Sample:LocalAwsPath={_dir}");

        ShouldExplainInOneLine(run, "npm was not found");
    }

    [Test]
    public async Task Start_PortInUse_SaysSoAndHowToChooseAnother()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var run = await HostRun.RunAsync(null, "--urls", $"http://127.0.0.1:{port}");

        ShouldExplainInOneLine(run, $"Port {port} on 127.0.0.1 is already in use");
        run.Output.Should().Contain("--urls");
    }

    [Test]
    public async Task Start_EngineFailsToStart_ReportsItsLastErrorLine()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        Directory.CreateDirectory(Path.Combine(_dir, "node_modules"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "bin", "start.js"), "console.error('cannot load the face models: model/ is missing');\nprocess.exit(3);\n");

        var run = await HostRun.RunAsync(null, "--urls", $"http://127.0.0.1:{FreePort()}", $"--FaceVerify:Sample:LocalAwsPath={_dir}");

        ShouldExplainInOneLine(run, "exited with code 3 before it was ready: cannot load the face models: model/ is missing");
    }

    private static void ShouldExplainInOneLine(HostRun run, string expected)
    {
        run.ExitCode.Should().Be(2, run.Output);
        var explanation = run.Lines.Where(l => l.StartsWith("FaceVerify sample host: ", StringComparison.Ordinal)).ToList();
        explanation.Should().ContainSingle(run.Output).Which.Should().Contain(expected);
        run.Output.Should().NotContain("Exception", "no exception type or stack trace is shown").And.NotContain("   at ");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
