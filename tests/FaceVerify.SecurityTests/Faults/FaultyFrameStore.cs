namespace FaceVerify.SecurityTests.Faults;

/// <summary>An <see cref="IFrameStore"/> decorator that fails, times out, throttles or loses responses at random.</summary>
internal sealed class FaultyFrameStore(IFrameStore inner, FaultPlan plan) : IFrameStore
{
    public IFrameStore Inner => inner;

    public async ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        var fault = plan.Next(write: true);
        if (fault == FaultKind.None || fault == FaultKind.FailAfterEffect)
        {
            await inner.PutAsync(key, content, contentType, retainUntil, cancellationToken);
        }

        if (fault != FaultKind.None)
        {
            throw FaultPlan.StoreFault(fault, nameof(PutAsync));
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var fault = plan.Next(write: false);
        if (fault != FaultKind.None)
        {
            await Task.Yield();
            throw FaultPlan.StoreFault(fault, nameof(GetAsync));
        }

        return await inner.GetAsync(key, cancellationToken);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => inner.DeletePrefixAsync(prefix, cancellationToken);
}
