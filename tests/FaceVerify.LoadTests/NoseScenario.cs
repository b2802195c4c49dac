using FaceVerify.Testing;

namespace FaceVerify.LoadTests;

/// <summary>A kind of nose session the verify phase runs, with the outcome both strategies must reach.</summary>
internal sealed record NoseScenario(string Name, string Description, Func<NoseChallengeParameters, int, FrameSequence> Build, bool ExpectPassed, string ExpectedReason, Func<int, int> ExpectedDecidedAt)
{
    public static IReadOnlyList<NoseScenario> All { get; } =
    [
        new("genuine", "genuine head turn; the nose enters the target on the last frame", (p, frames) => NoseSequences.Genuine(p, frames), true, "passed", frames => frames - 1),
        new("genuine-early", "genuine head turn reaching the target at 2/3 of the frames; the client keeps sending until told to stop", (p, frames) => NoseSequences.Genuine(p, EarlyPath(frames)), true, "passed", frames => EarlyPath(frames) - 1),
        new("second-person", "a second face appears at frame 10", (p, frames) => NoseSequences.SecondPersonAppears(p, 10, frames), false, "multiple_faces", _ => 10),
    ];

    private static int EarlyPath(int frames) => frames * 2 / 3;
}
