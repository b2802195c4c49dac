using FaceVerify.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FaceVerify.LoadTests;

/// <summary>
/// The host under load: FaceVerify's own routes (<c>app.MapFaceVerification("/faceverify")</c>, exactly as the sample host
/// maps them) on Kestrel at 127.0.0.1 on a free port, with the stand-in analyzer, plus two routes only this harness maps:
/// <c>/baseline/…/frame</c> (reads the body and does nothing) and <c>/reference/…</c> (the reference framework's
/// strategy: store frames only, analyse them all at verify, ten at a time).
/// </summary>
internal sealed class LoadHost : IAsyncDisposable
{
    public const string UserHeader = "X-Load-User";

    private readonly WebApplication _app;

    private LoadHost(WebApplication app, SessionScripts scripts, ScriptedFaceAnalyzer analyzer)
    {
        _app = app;
        Scripts = scripts;
        Analyzer = analyzer;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public Uri BaseAddress { get; }

    public SessionScripts Scripts { get; }

    public ScriptedFaceAnalyzer Analyzer { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host. <paramref name="configureFaceVerify"/> may replace the stores (the local-AWS phase does).</summary>
    public static async Task<LoadHost> StartAsync(LoadOptions options, Action<IFaceVerificationBuilder>? configureFaceVerify = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0);
            k.Limits.MaxConcurrentConnections = 4096;
        });

        var scripts = new SessionScripts();
        var analyzer = scripts.CreateAnalyzer();
        analyzer.Latency = options.Latency;
        var faceVerify = builder.Services.AddFaceVerification(o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 10_000;
                o.MaxSessionsPerAddress = 1_000_000;
                o.MaxConcurrentAnalyses = options.AnalysisConcurrency;
            })
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(analyzer);
        configureFaceVerify?.Invoke(faceVerify);
        if (options.TokenCache)
        {
            var original = builder.Services.Last(d => d.ServiceType == typeof(IFaceVerificationTokens));
            builder.Services.Remove(original);
            builder.Services.AddSingleton<IFaceVerificationTokens>(sp => new CachingSessionTokens(
                (IFaceVerificationTokens)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
                sp.GetRequiredService<TimeProvider>()));
        }

        builder.Services.AddFaceVerificationEndpoints(o =>
        {
            o.UserIdResolver = context => context.Request.Headers[UserHeader].ToString() is { Length: > 0 } user ? user : null;
            o.RateLimitPermitLimit = 1_000_000;
            o.EnableRateLimiting = !options.NoRateLimit;
        });

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapFaceVerification("/faceverify");
        BaselineEndpoints.Map(app);
        ReferenceEndpoints.Map(app);
        await app.StartAsync().ConfigureAwait(false);
        return new LoadHost(app, scripts, analyzer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
