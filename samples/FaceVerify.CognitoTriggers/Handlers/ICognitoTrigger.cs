namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>A Lambda handler that takes and returns the raw event JSON (no Amazon.Lambda package is needed for Stream handlers).</summary>
public interface ICognitoTrigger
{
    /// <summary>Handles one invocation.</summary>
    /// <param name="input">The event JSON.</param>
    /// <param name="cancellationToken">Cancels the work (the runtime loop passes the invocation's deadline).</param>
    /// <returns>The response JSON.</returns>
    Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default);
}
