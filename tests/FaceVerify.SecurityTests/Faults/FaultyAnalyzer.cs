namespace FaceVerify.SecurityTests.Faults;

/// <summary>
/// An <see cref="IFaceAnalyzer"/> decorator whose calls fail, throttle, or hang until cancelled (the pipeline's
/// per-attempt timeout ends them) at random; raw exceptions, as a vendor client throws before FaceVerify's retries.
/// </summary>
internal sealed class FaultyAnalyzer(IFaceAnalyzer inner, FaultPlan plan) : IFaceAnalyzer
{
    public async ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
    {
        switch (plan.Next(write: false))
        {
            case FaultKind.Fail:
                await Task.Yield();
                throw new IOException("Injected: the analysis service refused the connection.");
            case FaultKind.Throttle:
                await Task.Yield();
                throw new HttpRequestException("Injected: ThrottlingException", null, System.Net.HttpStatusCode.TooManyRequests);
            case FaultKind.Timeout:
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                throw new InvalidOperationException("unreachable");
            default:
                return await inner.AnalyzeAsync(image, cancellationToken);
        }
    }
}
