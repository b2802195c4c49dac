namespace FaceVerify.Tests.Challenges.Pose;

public class PoseMatcherTests
{
    private static RequestedPose Pose(PoseEyes eyes, PoseMouth mouth) => new() { Eyes = eyes, Mouth = mouth };

    [TestCase("looking-left-pupil-left", PoseEyes.LookingLeft)]
    [TestCase("looking-left-pupil-centre", PoseEyes.Open)]
    [TestCase("looking-right-pupil-right", PoseEyes.LookingRight)]
    public void EyeDirection_BothEyes_UsesTheFortyPercentBands(string fixture, PoseEyes expected)
    {
        var face = ReplayFixture.Load($"pose/{fixture}.json").Frames[0].Faces[0];

        PoseMatcher.EyeDirection(face, LandmarkType.LeftEyeLeft, LandmarkType.LeftEyeRight, LandmarkType.LeftPupil).Should().Be(expected);
        PoseMatcher.EyeDirection(face, LandmarkType.RightEyeLeft, LandmarkType.RightEyeRight, LandmarkType.RightPupil).Should().Be(expected);
    }

    [TestCase(0.4239, PoseEyes.LookingLeft)]
    [TestCase(0.4241, PoseEyes.Open)]
    [TestCase(0.4359, PoseEyes.Open)]
    [TestCase(0.4361, PoseEyes.LookingRight)]
    public void EyeDirection_NearBandEdges_UsesTheMultiplier12(double pupilX, PoseEyes expected)
    {
        // Eye from 0.40 to 0.46: a third is 0.02, times 1.2 = 0.024 → left band ≤ 0.424, right band ≥ 0.436.
        var face = new FaceDetails
        {
            Landmarks = [new(LandmarkType.LeftEyeLeft, 0.40, 0.4), new(LandmarkType.LeftEyeRight, 0.46, 0.4), new(LandmarkType.LeftPupil, pupilX, 0.4)],
        };

        PoseMatcher.EyeDirection(face, LandmarkType.LeftEyeLeft, LandmarkType.LeftEyeRight, LandmarkType.LeftPupil).Should().Be(expected);
    }

    [Test]
    public void Match_MissingTraits_AreMismatches()
    {
        var face = new FaceDetails { Confidence = 99 };

        PoseMatcher.Match([face], Pose(PoseEyes.Open, PoseMouth.Closed)).Should().Be(ChallengeReason.EyesMismatch);
        PoseMatcher.Match([new FaceDetails { Confidence = 99, EyesOpen = new(true, 99) }], Pose(PoseEyes.Open, PoseMouth.Closed)).Should().Be(ChallengeReason.MouthMismatch);
    }

    [Test]
    public void AreCompatible_FollowsWhatOneFaceCanShow()
    {
        PoseMatcher.AreCompatible(Pose(PoseEyes.Open, PoseMouth.Smile), Pose(PoseEyes.LookingLeft, PoseMouth.Smile)).Should().BeTrue();
        PoseMatcher.AreCompatible(Pose(PoseEyes.LookingRight, PoseMouth.Closed), Pose(PoseEyes.Open, PoseMouth.Closed)).Should().BeTrue();
        PoseMatcher.AreCompatible(Pose(PoseEyes.Open, PoseMouth.Smile), Pose(PoseEyes.Open, PoseMouth.Smile)).Should().BeTrue();
        PoseMatcher.AreCompatible(Pose(PoseEyes.LookingLeft, PoseMouth.Smile), Pose(PoseEyes.LookingRight, PoseMouth.Smile)).Should().BeFalse();
        PoseMatcher.AreCompatible(Pose(PoseEyes.Closed, PoseMouth.Smile), Pose(PoseEyes.Open, PoseMouth.Smile)).Should().BeFalse();
        PoseMatcher.AreCompatible(Pose(PoseEyes.Open, PoseMouth.Smile), Pose(PoseEyes.Open, PoseMouth.Closed)).Should().BeFalse();
    }
}
