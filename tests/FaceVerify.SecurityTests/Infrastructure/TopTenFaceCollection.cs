using System.Collections.Concurrent;

namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>
/// An <see cref="IFaceCollection"/> that searches like Rekognition's <c>SearchFacesByImage</c> as the Rekognition
/// adapter calls it: every indexed face of every user is scored against the probe, matches at or above the threshold
/// are sorted by similarity and only the top <see cref="MaxFaces"/> (the adapter's default <c>SearchMaxFaces</c>, 10) come
/// back; the claimed user's best among those is the result. Faces are the <see cref="FrameScript"/> people of the
/// indexed photos, scored by <see cref="Similarity"/>. The script is read lazily (a host registers the collection before
/// its script exists).
/// </summary>
internal sealed class TopTenFaceCollection(Func<FrameScript> script, Func<string?, string?, double> similarity) : IFaceCollection
{
    public const int MaxFaces = 10;

    private readonly ConcurrentDictionary<string, (string User, string? Person)> _faces = new(StringComparer.Ordinal);
    private int _searches;

    public Func<string?, string?, double> Similarity { get; } = similarity;

    /// <summary>How many full-collection searches ran.</summary>
    public int Searches => Volatile.Read(ref _searches);

    public ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken)
    {
        var faceId = Guid.NewGuid().ToString();
        _faces[faceId] = (userId, script().PersonOf(image));
        return ValueTask.FromResult(new EnrolmentResult(EnrolmentReason.None, faceId));
    }

    public ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _searches);
        var probe = script().PersonOf(image);
        var top = _faces.Values
            .Select(f => (f.User, Score: Similarity(probe, f.Person)))
            .Where(m => m.Score >= minSimilarity)
            .OrderByDescending(m => m.Score)
            .Take(MaxFaces)
            .ToArray();
        var mine = top.Where(m => m.User == userId).Select(m => m.Score).DefaultIfEmpty(0).Max();
        var enrolled = _faces.Values.Any(f => f.User == userId);
        return ValueTask.FromResult(new FaceMatch(mine, ProbeFaceFound: true, enrolled));
    }

    public ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (id, face) in _faces)
        {
            if (face.User == userId && _faces.TryRemove(id, out _))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }
}
