using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.Options;

namespace FaceVerify.SecurityTests.Challenges.Nose;

/// <summary>
/// The nose challenge's flat-photo evidence (<see cref="NoseChallengeOptions.PlanarMotionCheck"/>): its false-reject rate
/// on genuine head turns and its catch rate on tilted photos, over seeded, varied sessions (frame size, target, frame
/// count, head turn, tilt, landmark jitter). The figures are written in docs/security.md ("Flat-photo evidence").
/// </summary>
public sealed class PlanarMotionCheckTests
{
    /// <summary>Sessions per measurement.</summary>
    private const int Sessions = 300;

    private const string PlanarDetail = "planar motion";

    private static readonly (int Width, int Height)[] FrameSizes = [(480, 480), (640, 480), (1280, 720)];

    private static readonly NoseTargetChallenge On = new();

    private static readonly NoseTargetChallenge Off = new(Options.Create(new NoseChallengeOptions { PlanarMotionCheck = false }));

    [Test]
    public void Options_Defaults_CheckOnWithTheFaceDepthParallaxAtZeroPointSevenPercent()
    {
        var options = new NoseChallengeOptions();
        options.PlanarMotionCheck.Should().BeTrue();
        options.MinDepthParallax.Should().Be(0.007);
        options.MinPlanarResidual.Should().Be(0, "the single-homography statistic was replaced (docs/liveness-evidence.md)");
    }

    [TestCase(0.0)]
    [TestCase(0.005)]
    [TestCase(0.01)]
    public void Evaluate_GenuineHeadTurns_NoneRejectedAsPlanar(double jitter)
    {
        var rates = Measure(jitter, On);
        TestContext.Out.WriteLine($"jitter {jitter}: {rates}");
        rates.GenuinePassedWithoutCheck.Should().BeGreaterThan(Sessions * 9 / 10, "the genuine sequences must pass the reference checks to measure anything");
        rates.GenuineRejectedByCheck.Should().Be(0, "a genuine head turn is not a planar motion");
    }

    [TestCase(0.0)]
    [TestCase(0.005)]
    public void Evaluate_TiltedPhotos_AllRejected(double jitter)
    {
        var rates = Measure(jitter, On);
        TestContext.Out.WriteLine($"jitter {jitter}: {rates}");
        rates.AttacksPassedWithoutCheck.Should().BeGreaterThan(0, "the reference's landmark histogram alone lets some tilted photos through");
        rates.AttacksPassed.Should().Be(0);
        rates.AttacksCaughtByCheck.Should().BeGreaterThanOrEqualTo(Sessions * 95 / 100, "the others fail an earlier check (trajectory, turn direction)");
    }

    [Test]
    public void Evaluate_RigidPhoto_RejectedAsPlanarMotion()
    {
        var parameters = ChallengeHarness.CreateParameters<NoseChallengeParameters>(On, 640, 480);
        var run = ChallengeHarness.Run(On, parameters, NoseSequences.RigidPhoto(parameters));
        run.Reason.Should().Be(ChallengeReason.InsufficientLandmarkMovement, run.ToString());
        run.Detail.Should().Contain(PlanarDetail);
    }

    [Test]
    public void Evaluate_CheckOff_TiltedPhotoRejectedByHistogramOnlyWhenItCan()
    {
        var rates = Measure(0, Off);
        rates.AttacksCaughtByCheck.Should().Be(0);
        rates.AttacksPassed.Should().Be(rates.AttacksPassedWithoutCheck);
    }

    [Test]
    public void Evaluate_FewerThanEightLandmarks_CheckCannotMeasureAndDefersToHistogram()
    {
        var parameters = ChallengeHarness.CreateParameters<NoseChallengeParameters>(On, 640, 480);
        var genuine = NoseSequences.Genuine(parameters).Select((frame, _) => frame with
        {
            Faces = frame.Faces.Select(f => PhotoAttackSequences.Copy(f, f.BoundingBox, f.Landmarks.Take(7).ToArray(), f.Pose)).ToArray(),
        });
        var withCheck = ChallengeHarness.Run(On, parameters, genuine);
        var without = ChallengeHarness.Run(Off, parameters, genuine);
        withCheck.Reason.Should().Be(without.Reason, withCheck.ToString());
        withCheck.Detail.Should().NotContain(PlanarDetail);
    }

    private static Rates Measure(double jitter, NoseTargetChallenge challenge)
    {
        var rates = default(Rates);
        for (var seed = 0; seed < Sessions; seed++)
        {
            var (width, height) = FrameSizes[seed % FrameSizes.Length];
            using var rng = new SeededRandomNumberGenerator(seed);
            var parameters = ChallengeHarness.CreateParameters<NoseChallengeParameters>(challenge, width, height, rng);
            var random = new Random(seed);
            var genuine = PhotoAttackSequences.WithJitter(NoseSequences.Genuine(parameters, random.Next(6, 15), random.Next(8, 26)), jitter, seed);
            if (ChallengeHarness.Run(Off, parameters, genuine).Passed)
            {
                rates.GenuinePassedWithoutCheck++;
                if (!ChallengeHarness.Run(challenge, parameters, genuine).Passed)
                {
                    rates.GenuineRejectedByCheck++;
                }
            }

            var attack = PhotoAttackSequences.WithJitter(
                PhotoAttackSequences.TiltedPhoto(parameters, yawTilt: random.Next(0, 60), pitchTilt: random.Next(-20, 21), frames: random.Next(6, 15)),
                jitter,
                seed + 100_000);
            if (ChallengeHarness.Run(Off, parameters, attack).Passed)
            {
                rates.AttacksPassedWithoutCheck++;
            }

            var run = ChallengeHarness.Run(challenge, parameters, attack);
            if (run.Passed)
            {
                rates.AttacksPassed++;
            }
            else if (run.Detail?.Contains(PlanarDetail, StringComparison.Ordinal) == true)
            {
                rates.AttacksCaughtByCheck++;
            }
        }

        return rates;
    }

    private record struct Rates(int GenuinePassedWithoutCheck, int GenuineRejectedByCheck, int AttacksPassedWithoutCheck, int AttacksPassed, int AttacksCaughtByCheck);
}
