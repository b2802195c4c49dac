namespace FaceVerify.Testing.Tests.Faces;

public class FaceBuilderTests
{
    private static readonly FaceBuilder Base = Face.At(0.3, 0.2, 0.4, 0.5);

    private static Landmark Get(FaceDetails face, LandmarkType type)
    {
        face.TryGetLandmark(type, out var landmark).Should().BeTrue();
        return landmark;
    }

    [Test]
    public void Build_AllThirtyRekognitionLandmarksInsideTheBox()
    {
        var face = Base.Build();

        face.Landmarks.Select(l => l.Type).Should().BeEquivalentTo(Enum.GetValues<LandmarkType>());
        face.Landmarks.Should().OnlyContain(l => l.X >= 0.3 && l.X <= 0.7 && l.Y >= 0.2 && l.Y <= 0.7);
        face.BoundingBox.Should().Be(new BoundingBox(0.4, 0.5, 0.3, 0.2));
        face.Confidence.Should().BeGreaterThan(99);
        face.EyesOpen!.Value.Value.Should().BeTrue();
        face.Smile!.Value.Value.Should().BeFalse();
        face.MouthOpen!.Value.Value.Should().BeFalse();
    }

    [Test]
    public void CenteredAt_CentresTheBox()
    {
        var box = Face.CenteredAt(0.5, 0.5, 0.2, 0.4).Build().BoundingBox;

        box.Left.Should().BeApproximately(0.4, 1e-12);
        box.Top.Should().BeApproximately(0.3, 1e-12);
        (box.Width, box.Height).Should().Be((0.2, 0.4));
    }

    [Test]
    public void Turned_SetsYawAndShiftsOnlyTheCentralLandmarks()
    {
        var frontal = Base.Build();
        var turned = Base.Turned(30).Build();

        turned.Pose.Yaw.Should().Be(30);
        (Get(turned, LandmarkType.Nose).X - Get(frontal, LandmarkType.Nose).X).Should().BeApproximately(0.25 * 0.4, 1e-12);
        Get(turned, LandmarkType.MouthLeft).X.Should().BeGreaterThan(Get(frontal, LandmarkType.MouthLeft).X);
        Get(turned, LandmarkType.EyeLeft).Should().Be(Get(frontal, LandmarkType.EyeLeft));
        Get(turned, LandmarkType.UpperJawlineRight).Should().Be(Get(frontal, LandmarkType.UpperJawlineRight));
    }

    [Test]
    public void Yaw_SetsThePoseOnly()
    {
        var face = Base.Yaw(12).Pitch(-3).Roll(4).Build();

        face.Pose.Should().Be(new FacePose(4, 12, -3));
        face.Landmarks.Should().Equal(Base.Build().Landmarks);
    }

    [Test]
    public void EyesClosed_SmilingAndGaze_SetTraitsAndLandmarks()
    {
        var face = Base.EyesClosed().Smiling().LookingLeft().Build();

        face.EyesOpen!.Value.Value.Should().BeFalse();
        face.Smile!.Value.Value.Should().BeTrue();
        face.MouthOpen!.Value.Value.Should().BeTrue();
        Get(face, LandmarkType.LeftPupil).X.Should().BeLessThan(Get(face, LandmarkType.EyeLeft).X);
        Get(face, LandmarkType.LeftEyeUp).Y.Should().BeGreaterThan(Get(Base.Build(), LandmarkType.LeftEyeUp).Y);
    }

    [Test]
    public void SmilingMouthClosed_SmilesWithoutOpening()
    {
        var face = Base.SmilingMouthClosed().Build();

        face.Smile!.Value.Value.Should().BeTrue();
        face.MouthOpen!.Value.Value.Should().BeFalse();
    }

    [Test]
    public void NoseAt_PlacesTheNoseAbsolutely_AndMovedCarriesIt()
    {
        var face = Base.NoseAt(0.62, 0.55).Moved(0.1, -0.05).Build();

        Get(face, LandmarkType.Nose).X.Should().BeApproximately(0.72, 1e-12);
        Get(face, LandmarkType.Nose).Y.Should().BeApproximately(0.5, 1e-12);
        face.BoundingBox.Left.Should().BeApproximately(0.4, 1e-12);
        face.BoundingBox.Top.Should().BeApproximately(0.15, 1e-12);
    }

    [Test]
    public void WithConfidenceAndQuality_AreSet()
    {
        var face = Base.WithConfidence(80).WithQuality(30, 40).Build();

        face.Confidence.Should().Be(80);
        face.Quality.Should().Be(new ImageQuality(30, 40));
    }

    [Test]
    public void Builder_IsImmutable()
    {
        var closed = Base.EyesClosed();

        Base.Build().EyesOpen!.Value.Value.Should().BeTrue();
        closed.Build().EyesOpen!.Value.Value.Should().BeFalse();
    }

    [Test]
    public void Build_FaceRoundTripsThroughRekognitionJson()
    {
        var face = Base.Turned(10).Smiling().Build();

        var parsed = FaceDetailsJson.ParseDetectFacesResponse($$"""{"FaceDetails":{{FaceDetailsJson.Serialize([face])}}}""").Single();

        parsed.Should().BeEquivalentTo(face);
    }

    [Test]
    public void EyesOpenNeutralLookingAhead_UndoTheChanges()
    {
        var face = Base.EyesClosed().Smiling().LookingRight().EyesOpen().Neutral().LookingAhead().Build();

        face.EyesOpen!.Value.Value.Should().BeTrue();
        face.Smile!.Value.Value.Should().BeFalse();
        face.MouthOpen!.Value.Value.Should().BeFalse();
        face.Landmarks.Should().Equal(Base.Build().Landmarks);
    }

    [Test]
    public void WithoutLandmarks_LeavesThemOut()
    {
        var face = Base.WithoutLandmarks(LandmarkType.Nose, LandmarkType.MouthUp).Build();

        face.Landmarks.Should().HaveCount(28);
        face.TryGetLandmark(LandmarkType.Nose, out _).Should().BeFalse();
    }
}
