namespace FaceVerify.Testing;

/// <summary>An <see cref="IFaceComparer"/> for tests that answers with a settable similarity.</summary>
public sealed class FakeFaceComparer : IFaceComparer
{
    /// <summary>The similarity every comparison reports. Default: 99.</summary>
    public double Similarity { get; set; } = 99;

    /// <summary>When set, computes the similarity for (source, target) instead of <see cref="Similarity"/>.</summary>
    public Func<FaceImage, FaceImage, double>? SimilarityFunction { get; set; }

    /// <summary>How many comparisons were made.</summary>
    public int Calls { get; private set; }

    /// <inheritdoc />
    public ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken)
    {
        Calls++;
        return ValueTask.FromResult(new FaceComparison(SimilarityFunction?.Invoke(source, target) ?? Similarity, true, true));
    }
}
