using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>A real HTTP endpoint on 127.0.0.1 that replays scripted Rekognition answers and records the requests.</summary>
internal sealed class RekognitionTestServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly RekognitionScript _script;
    private readonly Task _loop;

    public RekognitionTestServer(RekognitionScript script)
    {
        _script = script;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in context.Request.Headers.AllKeys)
        {
            headers[name!.ToLowerInvariant()] = context.Request.Headers[name]!;
        }

        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        var answer = _script.Next(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, buffer.ToArray()));
        context.Response.StatusCode = (int)answer.Status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
