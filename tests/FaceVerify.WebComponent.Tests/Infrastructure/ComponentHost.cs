using System.Text.Json;
using FaceVerify.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.WebComponent.Tests;

/// <summary>What the scripted analyzer shows for each session.</summary>
internal enum Script
{
    /// <summary>A genuine user: the nose path with a turning head, or every requested pose.</summary>
    Genuine,

    /// <summary>An attack the challenge refuses: a rigid photo slid into the nose target, or a second person during the poses.</summary>
    Attack,
}

/// <summary>
/// An in-process ASP.NET Core app on a free 127.0.0.1 port, as an app developer would write it: AddFaceVerification()
/// with in-memory stores and the built-in nose and pose challenges (the client may choose the type, so tests can run
/// each), MapFaceVerification() serving the component, and a test page under a strict Content-Security-Policy. The
/// app's sign-in is a header the page's fetch hook adds (<c>X-Test-Auth</c>). Face analysis is scripted per session
/// (<see cref="ScriptedSessionAnalyzer"/>).
/// </summary>
internal sealed class ComponentHost : IAsyncDisposable
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private int _framesAccepted;
    private int _duplicateFrames;

    private ComponentHost(WebApplication app, ScriptedSessionAnalyzer analyzer)
    {
        _app = app;
        Analyzer = analyzer;
        Address = new Uri(app.Urls.First() + "/");
    }

    public Uri Address { get; }

    public ScriptedSessionAnalyzer Analyzer { get; }

    /// <summary>What the next sessions' frames show.</summary>
    public Script Script { get; set; } = Script.Genuine;

    /// <summary>How many sessions were started.</summary>
    public int SessionsStarted { get; private set; }

    /// <summary>How many uploaded frames the server accepted (any session).</summary>
    public int FramesAccepted => Volatile.Read(ref _framesAccepted);

    /// <summary>How many uploaded frames the server refused as a repeat of a frame the session holds (409 duplicate_frame).</summary>
    public int DuplicateFramesRefused => Volatile.Read(ref _duplicateFrames);

    public static async Task<ComponentHost> StartAsync(Script script = Script.Genuine)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var analyzer = new ScriptedSessionAnalyzer();
        builder.Services.AddFaceVerification(o => o.AllowClientChallengeType = true)
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(analyzer);
        builder.Services.AddFaceVerificationEndpoints(o => o.UserIdResolver = context =>
            context.Request.Headers["X-Test-Auth"] is { Count: > 0 } user ? user.ToString() : null);

        var app = builder.Build();
        ComponentHost? host = null;
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (HttpMethods.IsPut(context.Request.Method) && context.Request.Path.Value?.EndsWith("/frame", StringComparison.Ordinal) == true)
            {
                // Count the answers to frame uploads (the problem's code tells a duplicate from a closed session).
                var body = context.Response.Body;
                using var answer = new MemoryStream();
                context.Response.Body = answer;
                try
                {
                    await next(context);
                }
                finally
                {
                    context.Response.Body = body;
                }

                host!.CountFrameAnswer(context.Response.StatusCode, answer.ToArray());
                answer.Position = 0;
                await answer.CopyToAsync(body);
                return;
            }

            if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/faceverify/challenge")
            {
                await next(context);
                return;
            }

            // Learn each new session's parameters from the answer, to script the analyzer for exactly that session.
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    host!.Begin(JsonDocument.Parse(buffer.ToArray()).RootElement);
                }
            }
            finally
            {
                context.Response.Body = original;
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original);
        });
        app.UseRateLimiter();
        app.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        app.MapGet("/page.js", () => Page("page.js", "text/javascript; charset=utf-8"));
        app.MapGet("/page.css", () => Page("page.css", "text/css; charset=utf-8"));
        app.MapFaceVerification();
        await app.StartAsync();
        host = new ComponentHost(app, analyzer) { Script = script };
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Page(string name, string contentType)
    {
        using var stream = typeof(ComponentHost).Assembly.GetManifestResourceStream("TestPage." + name)!;
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), contentType);
    }

    private void CountFrameAnswer(int status, byte[] body)
    {
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _framesAccepted);
        }
        else if (status == StatusCodes.Status409Conflict && body.Length > 0)
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("code", out var code) && code.GetString() == "duplicate_frame")
            {
                Interlocked.Increment(ref _duplicateFrames);
            }
        }
    }

    private void Begin(JsonElement started)
    {
        SessionsStarted++;
        var parameters = started.GetProperty("params");
        var sequence = started.GetProperty("type").GetString() switch
        {
            "nose" when Script == Script.Genuine => NoseSequences.Genuine(parameters.Deserialize<NoseChallengeParameters>(Web)!),
            "nose" => NoseSequences.RigidPhoto(parameters.Deserialize<NoseChallengeParameters>(Web)!),
            "pose" when Script == Script.Genuine => PoseSequences.Genuine(parameters.Deserialize<PoseChallengeParameters>(Web)!),
            "pose" => PoseSequences.SecondPersonAppears(parameters.Deserialize<PoseChallengeParameters>(Web)!),
            var other => throw new InvalidOperationException($"No script for challenge type {other}."),
        };
        Analyzer.Begin(sequence);
    }
}
