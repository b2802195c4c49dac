using FaceVerify;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FaceVerify's health checks.</summary>
public static class FaceVerificationHealthChecksBuilderExtensions
{
    private const string ProbeSessionId = "faceverify-health-probe";
    private const string ProbeFrameKey = "sessions/faceverify-health-probe/none.jpg";

    /// <summary>
    /// Adds one health check per FaceVerify dependency (names in <see cref="FaceVerificationHealthCheckNames"/>): the
    /// attempt store, the frame store, the face analyzer, the face collection and the token keys. Each runs with
    /// <see cref="FaceVerificationHealthCheckOptions.Timeout"/> and carries the tags <c>faceverify</c> and <c>ready</c>,
    /// so a readiness endpoint can select them (<c>MapHealthChecks("/readyz", new() { Predicate = r =&gt; r.Tags.Contains("ready") })</c>)
    /// while a liveness endpoint runs none. Idempotent.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Adjusts the timeout, failure status and tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddFaceVerificationHealthChecks(this IHealthChecksBuilder builder, Action<FaceVerificationHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FaceVerificationHealthCheckOptions();
        configure?.Invoke(options);
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.Timeout, "The health check timeout must be positive.");
        }

        if (builder.Services.Any(d => d.ServiceType == typeof(HealthChecksMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<HealthChecksMarker>();
        string[] tags = [FaceVerificationHealthCheckOptions.FaceVerifyTag, FaceVerificationHealthCheckOptions.ReadyTag, .. options.Tags];

        Add(builder, FaceVerificationHealthCheckNames.AttemptStore, options, tags, sp => new DependencyHealthCheck(
            "attempt store",
            ct => DependencyHealthCheck.ProbeAsync(sp.GetRequiredService<IAttemptStore>(), async t => await sp.GetRequiredService<IAttemptStore>().GetSessionAsync(ProbeSessionId, t).ConfigureAwait(false), ct)));
        Add(builder, FaceVerificationHealthCheckNames.FrameStore, options, tags, sp => new DependencyHealthCheck(
            "frame store",
            ct => DependencyHealthCheck.ProbeAsync(sp.GetRequiredService<IFrameStore>(), async t => await sp.GetRequiredService<IFrameStore>().GetAsync(ProbeFrameKey, t).ConfigureAwait(false), ct)));
        Add(builder, FaceVerificationHealthCheckNames.FaceAnalyzer, options, tags, sp => new DependencyHealthCheck(
            "face analyzer",
            ct => DependencyHealthCheck.ProbeAsync(sp.GetRequiredService<IFaceAnalyzer>(), fallback: null, ct)));
        Add(builder, FaceVerificationHealthCheckNames.FaceCollection, options, tags, sp => new DependencyHealthCheck(
            "face collection",
            ct => sp.GetRequiredService<IFaceCollection>() is NotConfiguredFaceCollection
                ? ValueTask.FromResult<string?>("not configured; enrolment and face login are off")
                : DependencyHealthCheck.ProbeAsync(sp.GetRequiredService<IFaceCollection>(), fallback: null, ct)));
        Add(builder, FaceVerificationHealthCheckNames.TokenKeys, options, tags, sp => new TokenKeysHealthCheck(sp, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    private static void Add(IHealthChecksBuilder builder, string name, FaceVerificationHealthCheckOptions options, string[] tags, Func<IServiceProvider, IHealthCheck> factory)
        => builder.Add(new HealthCheckRegistration(name, factory, options.FailureStatus, tags, options.Timeout));

    private sealed class HealthChecksMarker;
}
