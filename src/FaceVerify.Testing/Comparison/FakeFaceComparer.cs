namespace FaceVerify.Testing;

/// <summary>An <see cref="IFaceComparer"/> for tests that answers with a settable similarity.</summary>
public sealed class FakeFaceComparer : IFaceComparer
{
    /// <summary>The similarity every comparison reports. Default: 99.</summary>
    public double Similarity { get; set; } = 99;

    /// <summary>When set, computes the similarity for (source, target) instead of <see cref="Similarity"/>.</summary>
    public Func<FaceImage, FaceImage, double>? SimilarityFunction { get; set; }

    private int _calls;

    /// <summary>How many comparisons were made (safe to read while comparisons run in parallel).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(new FaceComparison(SimilarityFunction?.Invoke(source, target) ?? Similarity, true, true));
    }
}
