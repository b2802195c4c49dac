namespace FaceVerify.Testing.Tests.Sequences;

/// <summary>Every nose target <see cref="NoseTargetChallenge"/> can draw for a frame size: 30 horizontal × 40 vertical offsets × 4 quadrants.</summary>
internal static class NoseTargets
{
    public static NoseChallengeParameters Base(int width, int height)
        => ChallengeHarness.CreateParameters<NoseChallengeParameters>(new NoseTargetChallenge(), width, height);

    public static IEnumerable<NoseChallengeParameters> All(int width, int height)
    {
        var template = Base(width, height);
        for (var d = 45; d < 75; d++)
        {
            for (var r = 0; r < 40; r++)
            {
                foreach (var right in new[] { true, false })
                {
                    foreach (var below in new[] { true, false })
                    {
                        yield return template with
                        {
                            NoseLeft = (int)(right ? (width / 2.0) + d : (width / 2.0) - d - 20),
                            NoseTop = (int)(below ? (height / 2.0) + r : (height / 2.0) - r - 20),
                        };
                    }
                }
            }
        }
    }

    public static bool OnTheRight(NoseChallengeParameters p) => p.NoseLeft + (p.NoseWidth / 2.0) > p.ImageWidth / 2.0;
}
