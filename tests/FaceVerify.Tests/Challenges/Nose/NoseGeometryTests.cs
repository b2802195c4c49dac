using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.Tests.Challenges.Nose;

public class NoseGeometryTests
{
    private const int Samples = 20_000;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static NoseChallengeParameters Parse(JsonElement json) => json.Deserialize<NoseChallengeParameters>(Web)!;

    [TestCase(480, 480, 105, 60, 270, 360)]
    [TestCase(640, 480, 185, 60, 270, 360)]
    [TestCase(1280, 720, 437, 90, 405, 540)]
    public void CreateParameters_AreaBox_MatchesReference(int width, int height, int left, int top, int areaWidth, int areaHeight)
    {
        var parameters = Parse(new NoseTargetChallenge().CreateParameters(new ChallengeParametersArguments(width, height, RandomNumberGenerator.Create())));

        (parameters.AreaLeft, parameters.AreaTop, parameters.AreaWidth, parameters.AreaHeight).Should().Be((left, top, areaWidth, areaHeight));
        (parameters.ImageWidth, parameters.ImageHeight, parameters.MinFaceAreaPercent, parameters.NoseWidth, parameters.NoseHeight)
            .Should().Be((width, height, 40, 20, 20));
    }

    [Test]
    public void CreateParameters_480x480_NoseBoxCoversExactlyTheReferenceRanges()
    {
        var challenge = new NoseTargetChallenge();
        using var random = RandomNumberGenerator.Create();
        var lefts = new HashSet<int>();
        var tops = new HashSet<int>();
        for (var i = 0; i < Samples; i++)
        {
            var p = Parse(challenge.CreateParameters(new ChallengeParametersArguments(480, 480, random)));
            lefts.Add(p.NoseLeft);
            tops.Add(p.NoseTop);
        }

        var expectedLefts = Enumerable.Range(146, 30).Concat(Enumerable.Range(285, 30));
        var expectedTops = Enumerable.Range(181, 40).Concat(Enumerable.Range(240, 40));
        lefts.Should().BeEquivalentTo(expectedLefts);
        tops.Should().BeEquivalentTo(expectedTops);
    }

    [TestCase(640, 480)]
    [TestCase(1280, 720)]
    [TestCase(251, 335)]
    public void CreateParameters_AnyAcceptedSize_KeepsEveryNoseBoxInsideTheAreaBox(int width, int height)
    {
        var challenge = new NoseTargetChallenge();
        using var random = RandomNumberGenerator.Create();
        for (var i = 0; i < 5_000; i++)
        {
            var p = Parse(challenge.CreateParameters(new ChallengeParametersArguments(width, height, random)));

            p.NoseLeft.Should().BeGreaterThanOrEqualTo(p.AreaLeft);
            (p.NoseLeft + p.NoseWidth).Should().BeLessThanOrEqualTo(p.AreaLeft + p.AreaWidth);
            p.NoseTop.Should().BeGreaterThanOrEqualTo(p.AreaTop);
            (p.NoseTop + p.NoseHeight).Should().BeLessThanOrEqualTo(p.AreaTop + p.AreaHeight);
            var centreOffset = Math.Abs(p.NoseLeft + 10 - (width / 2.0));
            centreOffset.Should().BeInRange(54, 85);
        }
    }

    [Test]
    public void CreateParameters_ScriptedDraws_FollowTheReferenceFormula()
    {
        // choice([1,-1]) -> index 1 = -1; randbelow(30) = 29; choice -> index 0 = +1; randbelow(40) = 39.
        var random = new ScriptedRandom(1, 29, 0, 39);

        var p = Parse(new NoseTargetChallenge().CreateParameters(new ChallengeParametersArguments(480, 480, random)));

        p.NoseLeft.Should().Be(240 - 74 - 20);
        p.NoseTop.Should().Be(240 + 39);
    }

    [Test]
    public void CreateParameters_OddWidth_TruncatesLikePythonInt()
    {
        // W/2 = 240.5; +45 → 285.5 → 285.
        var p = Parse(new NoseTargetChallenge().CreateParameters(new ChallengeParametersArguments(481, 480, new ScriptedRandom(0, 0, 0, 0))));

        p.NoseLeft.Should().Be(285);
        p.AreaLeft.Should().Be((int)(240.5 - (270 / 2.0)));
    }

    [TestCase(240, 240)]
    [TestCase(320, 240)]
    [TestCase(250, 480)]
    [TestCase(480, 334)]
    [TestCase(0, 480)]
    public void CreateParameters_FrameTooSmallForTheBoxes_ThrowsWithClearMessage(int width, int height)
    {
        var act = () => new NoseTargetChallenge().CreateParameters(new ChallengeParametersArguments(width, height, RandomNumberGenerator.Create()));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void CreateParameters_240x240_MessageNamesTheMinimum()
    {
        var act = () => new NoseTargetChallenge().CreateParameters(new ChallengeParametersArguments(240, 240, RandomNumberGenerator.Create()));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*240×240*too small*251×335*");
    }

    [Test]
    public void CreateParameters_Json_HasTheReferenceFieldsInOrder()
    {
        var json = new NoseTargetChallenge().CreateParameters(new ChallengeParametersArguments(480, 480, new ScriptedRandom(0, 0, 0, 0)));

        json.GetRawText().Should().Be("""{"imageWidth":480,"imageHeight":480,"areaLeft":105,"areaTop":60,"areaWidth":270,"areaHeight":360,"minFaceAreaPercent":40,"noseLeft":285,"noseTop":240,"noseWidth":20,"noseHeight":20}""");
    }
}
