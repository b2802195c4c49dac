namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddFaceVerification()</c>: the place where challenges, analyzers and stores are chained
/// (<c>.AddChallenge&lt;T&gt;()</c>, <c>.UseInMemoryStores()</c>, <c>.UseRekognition()</c>, …).
/// </summary>
public interface IFaceVerificationBuilder
{
    /// <summary>The service collection FaceVerify registers into.</summary>
    IServiceCollection Services { get; }
}
