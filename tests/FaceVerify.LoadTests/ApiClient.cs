using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FaceVerify.LoadTests;

/// <summary>The load clients' HTTP calls (one shared <see cref="HttpClient"/>, HTTP/1.1 keep-alive connections).</summary>
internal sealed class ApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Jpeg = new("image/jpeg");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>POST /faceverify/challenge for a 480×480 challenge of <paramref name="type"/>.</summary>
    public async Task<StartedSession> StartAsync(string user, string type = "nose", int width = 480, int height = 480)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/faceverify/challenge")
        {
            Content = new StringContent($"{{\"imageWidth\":{width},\"imageHeight\":{height},\"challengeType\":\"{type}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(LoadHost.UserHeader, user);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HarnessException($"POST /faceverify/challenge answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new StartedSession(root.GetProperty("id").GetString()!, root.GetProperty("token").GetString()!, type, root.GetProperty("params").Clone());
    }

    /// <summary>PUT {prefix}/challenge/{id}/frame with the raw JPEG body and the token in Authorization: Bearer.</summary>
    public async Task<CallResult> PutRawAsync(string prefix, string id, string token, byte[] frame)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{prefix}/challenge/{id}/frame") { Content = new ByteArrayContent(frame) };
        request.Content.Headers.ContentType = Jpeg;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(request).ConfigureAwait(false);
    }

    /// <summary>PUT {prefix}/challenge/{id}/frame with the reference client's JSON body.</summary>
    public async Task<CallResult> PutJsonAsync(string prefix, string id, string token, byte[] frame)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{prefix}/challenge/{id}/frame") { Content = new ByteArrayContent(FramePayload.JsonBody(token, frame)) };
        request.Content.Headers.ContentType = Json;
        return await SendAsync(request).ConfigureAwait(false);
    }

    /// <summary>POST {prefix}/challenge/{id}/verify with the token in Authorization: Bearer and no body.</summary>
    public async Task<VerifyCall> VerifyAsync(string prefix, string id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{prefix}/challenge/{id}/verify");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HarnessException($"POST {prefix}/challenge/{id}/verify answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        int? decidedAt = root.TryGetProperty("decidedAtFrame", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : null;
        return new VerifyCall(root.GetProperty("success").GetBoolean(), root.GetProperty("reason").GetString()!, decidedAt, elapsed);
    }

    public void Dispose() => _http.Dispose();

    private async Task<CallResult> SendAsync(HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        return new CallResult((int)response.StatusCode, Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>A started session as the client sees it.</summary>
internal sealed record StartedSession(string Id, string Token, string Type, JsonElement Parameters)
{
    public NoseChallengeParameters NoseParameters => LoadScenario.Nose(Parameters);
}

/// <summary>One call's status and round-trip time.</summary>
internal readonly record struct CallResult(int Status, TimeSpan Elapsed);

/// <summary>A verify call's answer.</summary>
internal sealed record VerifyCall(bool Success, string Reason, int? DecidedAtFrame, TimeSpan Elapsed);
