using FaceVerify.Testing;

namespace FaceVerify.Tests.Challenges;

public class ChallengeRegistryTests
{
    private static readonly IChallenge[] Both = [new NoseTargetChallenge(), new PoseChallenge()];

    [Test]
    public void ChooseRandom_DrawsFromTheInjectedGenerator()
    {
        // 0 picks the first enabled type, 1 the second: the choice follows the registered generator, not the system one.
        var registry = new ChallengeRegistry(Both, new ScriptedRandom(1, 0, 1, 1));
        string[] enabled = ["nose", "pose"];

        var picks = Enumerable.Range(0, 4).Select(_ => registry.ChooseRandom(enabled).Type).ToList();

        picks.Should().Equal("pose", "nose", "pose", "pose");
    }

    [Test]
    public void ChooseRandom_SameSeed_SameChoices_AndBothTypesOccur()
    {
        var first = Choices(new ChallengeRegistry(Both, new SeededRandomNumberGenerator(7)));
        var second = Choices(new ChallengeRegistry(Both, new SeededRandomNumberGenerator(7)));

        second.Should().Equal(first);
        first.Should().Contain("nose").And.Contain("pose");
    }

    private static List<string> Choices(ChallengeRegistry registry) => [.. Enumerable.Range(0, 64).Select(_ => registry.ChooseRandom([]).Type)];
}
