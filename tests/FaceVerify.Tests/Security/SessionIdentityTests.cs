using System.Collections.Concurrent;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Security;

public class SessionIdentityTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly FaceDetails OneFace = Face.At(0.3, 0.2, 0.4, 0.5).Build();

    private readonly InMemoryFrameStore _store = new(new ManualTimeProvider(Now));
    private readonly ChallengeSession _session = new()
    {
        Id = "s",
        UserId = "alice",
        ChallengeType = "nose",
        Parameters = JsonDocument.Parse("{}").RootElement,
        FrameWidth = 640,
        FrameHeight = 480,
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(3),
        RetainUntil = Now.AddDays(1),
    };

    [Test]
    public async Task CheckAsync_OnePerson_ComparesEveryLivenessFrameWithTheDecidingFrameOnly()
    {
        var frames = await FramesAsync([1, 1, 0, 2, 1, 1, 1]);
        var pairs = new ConcurrentBag<(int? Source, int? Target)>();
        var comparer = new FakeFaceComparer { SimilarityFunction = (s, t) => { pairs.Add((Variant(s), Variant(t))); return 99; } };

        var outcome = await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 5, default);

        outcome.Should().BeNull();
        pairs.Select(p => p.Source).Should().BeEquivalentTo([0, 1, 4], "frame 2 has no face, frame 3 two, frame 6 came after the decision");
        pairs.Should().OnlyContain(p => p.Target == 5, "the reference of the check is the deciding frame");
    }

    [Test]
    public async Task CheckAsync_OneFrameOfAnotherPerson_FailsIdentityMismatchNamingTheFrame()
    {
        var frames = await FramesAsync([1, 1, 1, 1, 1, 1, 1, 1]);
        var comparer = new FakeFaceComparer { SimilarityFunction = (s, _) => Variant(s) == 3 ? 12 : 98 };

        var outcome = await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 7, default);

        outcome!.Reason.Should().Be(ChallengeReason.IdentityMismatch);
        outcome.Status.Should().Be(SessionStatus.Failed);
        outcome.DecidedAtFrame.Should().Be(7);
        outcome.Detail.Should().Contain("frame 3").And.Contain("deciding frame 7").And.Contain("12");
    }

    [Test]
    public async Task CheckAsync_ComparerCannotReadAFrame_FailsIdentityMismatch()
    {
        var frames = await FramesAsync([1, 1, 1]);
        var comparer = new RejectingComparer();

        var outcome = await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 2, default);

        outcome!.Reason.Should().Be(ChallengeReason.IdentityMismatch);
        outcome.Detail.Should().Contain("could not be compared");
    }

    [Test]
    public async Task CheckAsync_OneLivenessFrame_NothingToCompare()
    {
        var frames = await FramesAsync([0, 1]);
        var comparer = new FakeFaceComparer { Similarity = 0 };

        (await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 1, default)).Should().BeNull();
        comparer.Calls.Should().Be(0);
    }

    [Test]
    public void Anchor_DecidingFrameWithoutASingleFace_IsTheLastLivenessFrameBeforeIt()
    {
        var frames = new[] { Frame(0, 1), Frame(1, 1), Frame(2, 2) };

        SessionIdentity.Anchor(SessionIdentity.LivenessFrames(frames, decidedAt: 2))!.Sequence.Should().Be(1);
    }

    private static int? Variant(FaceImage image) => TestFrames.ReadVariant(image.Content.Span);

    /// <summary>Frames 0..n-1 (variant = sequence) with faces[i] faces each, stored in the frame store.</summary>
    private async Task<FrameRecord[]> FramesAsync(int[] faces)
    {
        var frames = new List<FrameRecord>();
        for (var i = 0; i < faces.Length; i++)
        {
            var frame = Frame(i, faces[i]);
            await _store.PutAsync(frame.StorageKey, TestFrames.Jpeg(640, 480, i), "image/jpeg", Now.AddDays(1), default);
            frames.Add(frame);
        }

        return [.. frames];
    }

    private static FrameRecord Frame(int sequence, int faces) => new()
    {
        SessionId = "s",
        Sequence = sequence,
        ReceivedAt = Now,
        ContentHash = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StorageKey = $"sessions/s/{sequence}.jpg",
        Format = ImageFormat.Jpeg,
        Length = 1,
        RetainUntil = Now.AddDays(1),
        Analysis = new StoredAnalysis(Enumerable.Repeat(OneFace, faces).ToArray(), null, Now),
    };

    private sealed class RejectingComparer : IFaceComparer
    {
        public ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken)
            => ValueTask.FromResult(new FaceComparison(0, false, false, ImageRejection.InvalidImageFormat));
    }
}
