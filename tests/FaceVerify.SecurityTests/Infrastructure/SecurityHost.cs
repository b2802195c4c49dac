using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FaceVerify.AspNetCore;
using FaceVerify.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>
/// An in-process ASP.NET Core host (TestServer) with <c>app.MapFaceVerification()</c>, the real nose and pose
/// challenges, in-memory stores (optionally wrapped), a manual clock for server time (timers and delays run on the
/// system clock, see <see cref="HybridTimeProvider"/>), the scripted analyzer and comparer of a
/// <see cref="FrameScript"/>. The signed-in user is read from the <c>X-User</c> header.
/// </summary>
internal sealed class SecurityHost : IAsyncDisposable
{
    public const string Prefix = "/faceverify";
    public const string UserHeader = "X-User";

    private readonly WebApplication _app;

    private SecurityHost(WebApplication app, FakeTimeProvider time, FrameScript script)
    {
        _app = app;
        Time = time;
        Script = script;
    }

    public FakeTimeProvider Time { get; }

    public FrameScript Script { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SecurityHost> StartAsync(
        Action<FaceVerificationOptions>? core = null,
        Action<FaceVerificationEndpointOptions>? endpoints = null,
        Action<IServiceCollection>? services = null,
        Action<IFaceVerificationBuilder>? faceVerification = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var script = new FrameScript();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthorization();
        var fv = builder.Services.AddFaceVerification(o =>
            {
                o.AnalysisRetryDelay = TimeSpan.FromMilliseconds(1);
                core?.Invoke(o);
            })
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(script.Analyzer)
            .UseFaceComparer(script.Comparer)
            .UseFaceCollection(new FakeFaceCollection());
        faceVerification?.Invoke(fv);
        builder.Services.AddFaceVerificationEndpoints(o =>
        {
            o.UserIdResolver = context => context.Request.Headers[UserHeader].ToString() is { Length: > 0 } user ? user : null;
            endpoints?.Invoke(o);
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new HybridTimeProvider(time)));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapFaceVerification(Prefix);
        await app.StartAsync();
        return new SecurityHost(app, time, script);
    }

    public HttpClient Client(string? user = "alice")
    {
        var client = _app.GetTestClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(UserHeader, user);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value));
}

/// <summary>A started session as the client sees it.</summary>
internal sealed record Session(string Id, string Token, string Type, JsonElement Params, int Width, int Height, DateTimeOffset StartedAt);

/// <summary>The verify response.</summary>
internal sealed record Verdict(int Status, bool Success, string? Outcome, string? Reason, string? Detail, string? ResultToken, string? Code)
{
    public override string ToString() => $"{Status} {Outcome}/{Reason} {Code} {Detail}";
}

/// <summary>Client calls against a <see cref="SecurityHost"/>.</summary>
internal static class SecurityClient
{
    public static async Task<Session> StartAsync(this HttpClient client, SecurityHost host, int width = 640, int height = 480, string? type = null, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["imageWidth"] = width, ["imageHeight"] = height };
        if (type is not null)
        {
            body["challengeType"] = type;
        }

        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[p.Name] = p.Value;
            }
        }

        var response = await client.PostAsync($"{SecurityHost.Prefix}/challenge", SecurityHost.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        var json = JsonDocument.Parse(text).RootElement;
        return new Session(json.GetProperty("id").GetString()!, json.GetProperty("token").GetString()!, json.GetProperty("type").GetString()!, json.GetProperty("params").Clone(), width, height, host.Time.GetUtcNow());
    }

    public static async Task<HttpResponseMessage> PutFrameAsync(this HttpClient client, string sessionId, string? token, byte[] frame, string contentType = "image/jpeg")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{SecurityHost.Prefix}/challenge/{sessionId}/frame") { Content = new ByteArrayContent(frame) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public static async Task<Verdict> VerifyAsync(this HttpClient client, string sessionId, string? token)
    {
        var response = await client.PostAsync($"{SecurityHost.Prefix}/challenge/{sessionId}/verify", SecurityHost.Json(new { token }));
        return await ReadVerdictAsync(response);
    }

    public static async Task<Verdict> ReadVerdictAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 ? JsonDocument.Parse(text).RootElement : default;
        string? Get(string name) => json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var success = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
        return new Verdict((int)response.StatusCode, success, Get("outcome"), Get("reason"), Get("detail"), Get("resultToken"), Get("code"));
    }

    /// <summary>Plays a sequence into a session on server time (the clock is set to each frame's offset) and verifies.</summary>
    public static Task<Verdict> PlayAsync(this HttpClient client, SecurityHost host, Session session, FrameSequence sequence, string person = "alice", Func<int, string, bool>? personSwitch = null)
        => client.PlayAsync(host, session, sequence, i =>
        {
            var who = personSwitch is not null && personSwitch(i, person) ? "mallory" : person;
            return ValueTask.FromResult(host.Script.Frame(sequence.FrameWidth, sequence.FrameHeight, sequence[i].Faces ?? [], who));
        });

    /// <summary>
    /// Plays a sequence into a session on server time (the clock is set to each frame's offset), frame i's bytes from
    /// <paramref name="frameAt"/>, and verifies. A refused frame ends the upload, as a client stops when it hears of
    /// the decision (a frame after it is refused <c>session_closed</c>).
    /// </summary>
    public static async Task<Verdict> PlayAsync(this HttpClient client, SecurityHost host, Session session, FrameSequence sequence, Func<int, ValueTask<byte[]>> frameAt)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            host.Time.SetUtcNow(session.StartedAt + sequence[i].At);
            var bytes = await frameAt(i);
            using var response = await client.PutFrameAsync(session.Id, session.Token, bytes);
            if (!response.IsSuccessStatusCode)
            {
                break;
            }
        }

        return await client.VerifyAsync(session.Id, session.Token);
    }

    /// <summary>POST /login/face with a session id; asserts 200 (a refusal is a 200 with <c>success</c> false) and returns the body.</summary>
    public static async Task<JsonElement> LoginWithFaceAsync(this HttpClient client, string sessionId)
    {
        var response = await client.PostAsync($"{SecurityHost.Prefix}/login/face", SecurityHost.Json(new { sessionId }));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static NoseChallengeParameters Nose(this Session session) => ChallengeHarness.FromJson<NoseChallengeParameters>(session.Params);

    public static PoseChallengeParameters Pose(this Session session) => ChallengeHarness.FromJson<PoseChallengeParameters>(session.Params);
}
