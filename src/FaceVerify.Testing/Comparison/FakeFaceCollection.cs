using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FaceVerify.Testing;

/// <summary>
/// An in-memory <see cref="IFaceCollection"/> for tests: indexing always succeeds (unless <see cref="NextIndexReason"/>
/// says otherwise) and matching answers with a settable similarity, by default the same for every probe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named after IFaceCollection, whose name is settled.")]
public sealed class FakeFaceCollection : IFaceCollection
{
    private readonly ConcurrentDictionary<string, List<string>> _faces = new(StringComparer.Ordinal);

    /// <summary>The similarity every match reports. Default: 99.</summary>
    public double Similarity { get; set; } = 99;

    /// <summary>When set, computes the similarity for (user, probe) instead of <see cref="Similarity"/>.</summary>
    public Func<string, FaceImage, double>? SimilarityFunction { get; set; }

    /// <summary>The reason the next <see cref="IndexFaceAsync"/> returns. Default: <see cref="EnrolmentReason.None"/>.</summary>
    public EnrolmentReason NextIndexReason { get; set; } = EnrolmentReason.None;

    /// <summary>How many match calls were made.</summary>
    public int MatchCalls { get; private set; }

    /// <summary>The users with at least one indexed face.</summary>
    public IReadOnlyCollection<string> EnrolledUsers => _faces.Where(p => p.Value.Count > 0).Select(p => p.Key).ToArray();

    /// <summary>How many faces are indexed for <paramref name="userId"/>.</summary>
    /// <param name="userId">The user.</param>
    /// <returns>The number of indexed faces (0 when none).</returns>
    public int FaceCount(string userId) => _faces.TryGetValue(userId, out var faces) ? faces.Count : 0;

    /// <inheritdoc />
    public ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken)
    {
        if (NextIndexReason != EnrolmentReason.None)
        {
            return ValueTask.FromResult(new EnrolmentResult(NextIndexReason));
        }

        var faceId = Guid.NewGuid().ToString();
        _faces.AddOrUpdate(userId, _ => [faceId], (_, list) => [.. list, faceId]);
        return ValueTask.FromResult(new EnrolmentResult(EnrolmentReason.None, faceId));
    }

    /// <inheritdoc />
    public ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken)
    {
        MatchCalls++;
        if (!_faces.TryGetValue(userId, out var faces) || faces.Count == 0)
        {
            return ValueTask.FromResult(new FaceMatch(0, true, false));
        }

        var similarity = SimilarityFunction?.Invoke(userId, image) ?? Similarity;
        return ValueTask.FromResult(new FaceMatch(similarity, true, true));
    }

    /// <summary>How many times the whole user's faces were looked up for deletion (a listing on a real engine).</summary>
    public int DeleteUserFacesCalls { get; private set; }

    /// <inheritdoc />
    public ValueTask<int> DeleteFacesAsync(string userId, IReadOnlyList<string> faceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faceIds);
        var removed = 0;
        _faces.AddOrUpdate(userId, _ => [], (_, list) =>
        {
            removed = list.Count(faceIds.Contains);
            return [.. list.Where(id => !faceIds.Contains(id))];
        });
        return ValueTask.FromResult(removed);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken)
    {
        DeleteUserFacesCalls++;
        return ValueTask.FromResult(_faces.TryRemove(userId, out var faces) ? faces.Count : 0);
    }
}
