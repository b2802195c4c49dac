using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The one bound on engine calls in this process (<see cref="FaceVerificationOptions.MaxConcurrentAnalyses"/>): frame
/// analysis takes a slot of <see cref="Shared"/>; enrolment and face login take one through
/// <see cref="EnterAuxiliaryAsync"/>, which first takes one of <see cref="AuxiliarySlots"/> (a quarter of the bound,
/// at least one), so that however many enrolments and logins queue up, frame analysis keeps the rest of the slots.
/// </summary>
internal sealed class AnalysisGate : IDisposable
{
    private readonly SemaphoreSlim _auxiliary;

    public AnalysisGate(IOptions<FaceVerificationOptions> options)
    {
        var total = options.Value.MaxConcurrentAnalyses;
        AuxiliarySlots = Math.Max(1, total / 4);
        Shared = new SemaphoreSlim(total, total);
        _auxiliary = new SemaphoreSlim(AuxiliarySlots, AuxiliarySlots);
    }

    /// <summary>The slots of every engine call (frame analysis takes these directly).</summary>
    public SemaphoreSlim Shared { get; }

    /// <summary>How many slots enrolment and face login may hold at once.</summary>
    public int AuxiliarySlots { get; }

    /// <summary>Waits for an enrolment/login slot, then for a shared slot; dispose the result to release both.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held slot.</returns>
    public async ValueTask<Slot> EnterAuxiliaryAsync(CancellationToken cancellationToken)
    {
        await _auxiliary.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _auxiliary.Release();
            throw;
        }

        return new Slot(this);
    }

    public void Dispose()
    {
        Shared.Dispose();
        _auxiliary.Dispose();
    }

    /// <summary>A held enrolment/login slot.</summary>
    internal readonly struct Slot(AnalysisGate gate) : IDisposable
    {
        public void Dispose()
        {
            gate.Shared.Release();
            gate._auxiliary.Release();
        }
    }
}
