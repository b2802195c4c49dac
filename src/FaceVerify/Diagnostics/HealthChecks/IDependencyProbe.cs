namespace FaceVerify;

/// <summary>
/// A cheap call that proves a dependency answers (endpoint reachable, credentials accepted, resource present), for the
/// FaceVerify health checks. Implemented by analyzers, collections and stores whose ordinary calls are too costly or
/// have side effects to serve as a probe; the health checks fall back to a harmless read for stores that do not
/// implement it.
/// </summary>
public interface IDependencyProbe
{
    /// <summary>Calls the dependency once, without retries.</summary>
    /// <param name="cancellationToken">Cancels the call (the health check's timeout).</param>
    /// <returns>A task that completes when the dependency answered; it throws when the dependency did not answer or refused.</returns>
    ValueTask ProbeAsync(CancellationToken cancellationToken);
}
