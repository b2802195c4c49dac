using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Runs the sample host (its build output) as a separate process on a free 127.0.0.1 port, with the local face engine,
/// as <c>dotnet run --project samples/FaceVerify.SampleHost</c> would, and stops it (by its own process id) when disposed.
/// </summary>
internal sealed class SampleHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SampleHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The host's process id (to find its children, e.g. the local face engine it started).</summary>
    public int ProcessId => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<SampleHostProcess> StartAsync(params string[] settings)
    {
        var port = FreePort();
        var dll = Path.Combine(Repository.SampleHostDirectory, "bin", Repository.Configuration, "net10.0", "FaceVerify.SampleHost.dll");
        File.Exists(dll).Should().BeTrue($"the sample host is built at {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.SampleHostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the sample host.");
        var host = new SampleHostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(4))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sample host exited ({process.ExitCode}):\n{host.Log}");
            }

            try
            {
                using var response = await http.GetAsync(host.Address);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The sample host did not answer:\n{host.Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
