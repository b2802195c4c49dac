using FaceVerify.Tests.Challenges.StateMachine;

namespace FaceVerify.Testing.Tests.Docs;

// The custom-challenge sample of docs/testing.md, verbatim (with NUnit's classic asserts), against the blink-twice
// challenge of docs/custom-challenges.md (compiled in from tests/FaceVerify.Tests).
public class TestingGuideSampleTests
{
    private static readonly BlinkTwiceParameters Parameters = new() { ImageWidth = 480, ImageHeight = 480, Blinks = 2 };
    private static readonly FaceBuilder Open = Face.CenteredAt(0.5, 0.5, 0.3, 0.45);
    private static readonly FaceBuilder Closed = Open.EyesClosed();

    [Test]
    public void TwoBlinks_Pass()
    {
        var frames = FrameSequence.Create(480, 480).Add(Open).Add(Closed).Add(Open).Add(Closed);

        var run = ChallengeHarness.Run(new BlinkTwiceChallenge(), Parameters, frames);

        Assert.That(run.Passed, run.ToString());
        Assert.That(run.DecidedAtFrame, Is.EqualTo(3));
    }

    [Test]
    public void EyesNeverClose_TimesOutOnServerTime()
    {
        var frames = FrameSequence.Create(480, 480).Add(Open).AddAt(TimeSpan.FromSeconds(10.5), Open);

        var run = ChallengeHarness.Run(new BlinkTwiceChallenge(), Parameters, frames);

        Assert.That(run.Reason, Is.EqualTo(ChallengeReason.StateTimeout));
        Assert.That(run.DecidedAt, Is.EqualTo(TimeSpan.FromSeconds(10.5)));
    }

    [Test]
    public void SecondFace_Fails()
    {
        var frames = FrameSequence.Create(480, 480).Add(Open).Add(Closed).Add(Open, Face.At(0.05, 0.05, 0.2, 0.25));

        var run = ChallengeHarness.Run(new BlinkTwiceChallenge(), Parameters, frames);

        Assert.That(run.Reason, Is.EqualTo(ChallengeReason.MultipleFaces));
    }

    [Test]
    public void Parameters_ComeFromTheRealFrameSize()
    {
        var parameters = ChallengeHarness.CreateParameters<BlinkTwiceParameters>(new BlinkTwiceChallenge(), 640, 480);

        Assert.That((parameters.ImageWidth, parameters.ImageHeight), Is.EqualTo((640, 480)));
    }
}
