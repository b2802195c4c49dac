using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.Challenges.Pose;

public class PoseParametersTests
{
    private const int Samples = 4_000;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static PoseChallengeParameters Create(PoseChallenge challenge, RandomNumberGenerator random, int width = 480, int height = 480)
        => challenge.CreateParameters(new ChallengeParametersArguments(width, height, random)).Deserialize<PoseChallengeParameters>(Web)!;

    [Test]
    public void CreateParameters_OnePose_ReachesAllEightCombinationsUniformly()
    {
        var challenge = new PoseChallenge(Options.Create(new PoseChallengeOptions { PoseCount = 1 }));
        using var random = RandomNumberGenerator.Create();
        var counts = new Dictionary<(PoseEyes, PoseMouth), int>();
        for (var i = 0; i < Samples; i++)
        {
            var pose = Create(challenge, random).Poses.Should().ContainSingle().Subject;
            counts[(pose.Eyes, pose.Mouth)] = counts.GetValueOrDefault((pose.Eyes, pose.Mouth)) + 1;
        }

        counts.Should().HaveCount(8);
        counts.Values.Should().OnlyContain(c => c > 350 && c < 650, "each combination is drawn with probability 1/8");
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(8)]
    public void CreateParameters_Sequence_NeverRepeatsAPoseOneFaceCouldShowTwice(int count)
    {
        var challenge = new PoseChallenge(Options.Create(new PoseChallengeOptions { PoseCount = count }));
        using var random = RandomNumberGenerator.Create();
        var seenAtPosition = new HashSet<(int, PoseEyes, PoseMouth)>();
        for (var i = 0; i < Samples; i++)
        {
            var poses = Create(challenge, random).Poses;
            poses.Should().HaveCount(count);
            for (var j = 0; j < poses.Count; j++)
            {
                seenAtPosition.Add((j, poses[j].Eyes, poses[j].Mouth));
                if (j > 0)
                {
                    poses[j].Should().NotBe(poses[j - 1]);
                    PoseMatcher.AreCompatible(poses[j - 1], poses[j]).Should().BeFalse();
                }
            }
        }

        seenAtPosition.Should().HaveCount(8 * count, "every pose value is reachable at every position");
    }

    [Test]
    public void CreateParameters_DefaultOptions_AsksForTwoPoses() => Create(new PoseChallenge(), RandomNumberGenerator.Create()).Poses.Should().HaveCount(2);

    [Test]
    public void CreateParameters_Json_HasTheReplayShape()
    {
        // eyes 2 (LOOKING_LEFT), mouth 1 (SMILE); then candidate 0 of those incompatible with LOOKING_LEFT/SMILE: OPEN/CLOSED.
        var json = new PoseChallenge().CreateParameters(new ChallengeParametersArguments(640, 480, new ScriptedRandom(2, 1, 0)));

        json.GetRawText().Should().Be("""{"imageWidth":640,"imageHeight":480,"poses":[{"eyes":"LOOKING_LEFT","mouth":"SMILE"},{"eyes":"OPEN","mouth":"CLOSED"}]}""");
    }

    [Test]
    public void CreateParameters_UsesTheRealFrameSize()
    {
        var parameters = Create(new PoseChallenge(), RandomNumberGenerator.Create(), 1280, 720);

        (parameters.ImageWidth, parameters.ImageHeight).Should().Be((1280, 720));
    }
}
