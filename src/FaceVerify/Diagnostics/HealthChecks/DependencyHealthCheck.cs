using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceVerify;

/// <summary>
/// One FaceVerify dependency as a health check: runs its probe and reports Healthy, or the registration's failure
/// status with the exception type (never its message: AWS messages can name accounts and resources). A probe that
/// outlasts the registration's timeout is cancelled by the health check service, which reports the failure status.
/// </summary>
internal sealed class DependencyHealthCheck : IHealthCheck
{
    private readonly string _what;
    private readonly Func<CancellationToken, ValueTask<string?>> _probe;

    /// <summary>Creates the check.</summary>
    /// <param name="what">The dependency as named in descriptions, e.g. "attempt store".</param>
    /// <param name="probe">Probes once; returns a note for the description (or null), throws when the dependency failed.</param>
    public DependencyHealthCheck(string what, Func<CancellationToken, ValueTask<string?>> probe)
    {
        _what = what;
        _probe = probe;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var note = await _probe(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(note is null ? $"The {_what} answered." : $"The {_what} answered ({note}).");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A health check reports every failure of its dependency as a status.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var cause = exception is FaceVerificationException { InnerException: { } inner } ? inner : exception;
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {_what} did not answer ({cause.GetType().Name}).", exception);
        }
    }

    /// <summary>Probes <paramref name="service"/> through <see cref="IDependencyProbe"/> when it implements it, else through <paramref name="fallback"/>.</summary>
    /// <param name="service">The dependency.</param>
    /// <param name="fallback">The harmless call for dependencies without a probe; null when there is none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A note for the description.</returns>
    public static async ValueTask<string?> ProbeAsync(object service, Func<CancellationToken, ValueTask>? fallback, CancellationToken cancellationToken)
    {
        if (service is IDependencyProbe probe)
        {
            await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (fallback is null)
        {
            return $"{service.GetType().Name} has no probe; not called";
        }

        await fallback(cancellationToken).ConfigureAwait(false);
        return null;
    }
}
