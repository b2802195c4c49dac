using System.Collections.Concurrent;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Security;

public class SessionIdentityTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly FaceDetails OneFace = Face.At(0.3, 0.2, 0.4, 0.5).Build();

    private readonly InMemoryFrameStore _store = new(new FakeTimeProvider(Now));
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

    /// <summary>
    /// A face engine scores the same face lower the more the two poses differ (the local engine: 99 frontal against
    /// frontal, 54–94 frontal against a 25–33° turn; docs/liveness-evidence.md). Modelled here as 99 − |Δyaw|: comparing
    /// the first frame of a 30° turn with the deciding frame gives 69 (rejected before), neighbours in pose give ≥ 96.
    /// </summary>
    [Test]
    public async Task CheckAsync_GenuineTurnScoredLowerAcrossTheWholeTurn_PassesComparingFramesOfNearbyPose()
    {
        var yaws = new double[] { 0, 0, 1, 4, 8, 13, 18, 23, 27, 30, 30 };
        var frames = await FramesAsync(yaws);
        var comparer = PoseAware(frames, _ => "alice");

        var outcome = await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 9, default);

        outcome.Should().BeNull("no two frames compared differ by more than 5° of yaw");
        comparer.Calls.Should().Be(9, "one comparison per liveness frame but the deciding one, as before");
    }

    [Test]
    public void Plan_HeadTurn_ATreeRootedAtTheDecidingFrameJoiningEachFrameToItsNearestPose()
    {
        var face = Face.At(0.3, 0.2, 0.4, 0.5);
        var yaws = new double[] { 0, 5, 1, 12, 20, 30 };
        var frames = yaws.Select((y, i) => Frame(i, 1, face.Yaw(y).Build())).ToArray();

        var plan = SessionIdentity.Plan(frames, frames[^1]);

        plan.Select(e => (e.Source.Sequence, e.Target.Sequence)).Should().Equal([(4, 5), (3, 4), (1, 3), (2, 1), (0, 2)]);
        plan.Select(e => e.Source.Sequence).Should().OnlyHaveUniqueItems().And.HaveCount(frames.Length - 1).And.NotContain(5);
        SessionIdentity.Plan(frames, frames[^1]).Should().Equal(plan, "a pure function of the stored analyses");
    }

    /// <summary>
    /// Another person in one frame, at any pose of the turn: the tree spans every liveness frame, so that frame is
    /// compared with a frame of the live person (of nearby pose) and the session fails.
    /// </summary>
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(5)]
    [TestCase(8)]
    [TestCase(9)]
    public async Task CheckAsync_OneFrameOfAnotherPersonAtAnyPose_FailsIdentityMismatch(int substituted)
    {
        var yaws = new double[] { 0, 0, 1, 4, 8, 13, 18, 23, 27, 30 };
        var frames = await FramesAsync(yaws);
        var comparer = PoseAware(frames, i => i == substituted ? "mallory" : "alice");

        var outcome = await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 9, default);

        outcome!.Reason.Should().Be(ChallengeReason.IdentityMismatch);
        outcome.Detail.Should().Contain("deciding frame 9");
    }

    /// <summary>
    /// The victim's photo held frontal in the first frames, then the attacker's own head turning to the target: the
    /// photo's frames join the tree through a frame of the attacker, so the session fails.
    /// </summary>
    [Test]
    public async Task CheckAsync_VictimsPhotoInTheFirstFramesThenTheAttackerTurning_FailsIdentityMismatch()
    {
        var yaws = new double[] { 0, 0, 0, 0, 1, 4, 8, 13, 18, 23, 27, 30 };
        var frames = await FramesAsync(yaws);
        var comparer = PoseAware(frames, i => i < 4 ? "alice" : "mallory");

        var outcome = await new SessionIdentity(_store, comparer, 90).CheckAsync(_session, frames, decidedAt: 11, default);

        outcome!.Reason.Should().Be(ChallengeReason.IdentityMismatch);
        outcome.Detail.Should().Contain("frame 0 does not match").And.Contain("deciding frame 11");
    }

    [Test]
    public void Anchor_DecidingFrameWithoutASingleFace_IsTheLastLivenessFrameBeforeIt()
    {
        var frames = new[] { Frame(0, 1), Frame(1, 1), Frame(2, 2) };

        SessionIdentity.Anchor(SessionIdentity.LivenessFrames(frames, decidedAt: 2))!.Sequence.Should().Be(1);
    }

    private static int? Variant(FaceImage image) => TestFrames.ReadVariant(image.Content.Span);

    /// <summary>Same person: 99 − |Δyaw| of the two frames' faces; two people: 45 (the corpus's substitutions: 34–71).</summary>
    private static FakeFaceComparer PoseAware(IReadOnlyList<FrameRecord> frames, Func<int, string> personAt)
        => new()
        {
            SimilarityFunction = (s, t) =>
            {
                var (a, b) = (Variant(s)!.Value, Variant(t)!.Value);
                return personAt(a) != personAt(b) ? 45 : 99 - Math.Abs(frames[a].Analysis!.Faces[0].Pose.Yaw - frames[b].Analysis!.Faces[0].Pose.Yaw);
            },
        };

    /// <summary>Frames 0..n-1 with one face each, turned by yaws[i], stored in the frame store.</summary>
    private async Task<FrameRecord[]> FramesAsync(double[] yaws)
    {
        var frames = new List<FrameRecord>();
        for (var i = 0; i < yaws.Length; i++)
        {
            var frame = Frame(i, 1, Face.At(0.3, 0.2, 0.4, 0.5).Yaw(yaws[i]).Build());
            await _store.PutAsync(frame.StorageKey, TestFrames.Jpeg(640, 480, i), "image/jpeg", Now.AddDays(1), default);
            frames.Add(frame);
        }

        return [.. frames];
    }

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

    private static FrameRecord Frame(int sequence, int faces) => Frame(sequence, faces, OneFace);

    private static FrameRecord Frame(int sequence, int faces, FaceDetails face) => new()
    {
        SessionId = "s",
        Sequence = sequence,
        ReceivedAt = Now,
        ContentHash = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StorageKey = $"sessions/s/{sequence}.jpg",
        Format = ImageFormat.Jpeg,
        Length = 1,
        RetainUntil = Now.AddDays(1),
        Analysis = new StoredAnalysis(Enumerable.Repeat(face, faces).ToArray(), null, Now),
    };

    private sealed class RejectingComparer : IFaceComparer
    {
        public ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken)
            => ValueTask.FromResult(new FaceComparison(0, false, false, ImageRejection.InvalidImageFormat));
    }
}
