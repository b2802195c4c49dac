using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.LoadTests;

/// <summary>
/// A kind of session the verify phase runs, with the outcome every strategy must reach: passed or failed with
/// <see cref="ExpectedReason"/>, decided at <see cref="ExpectedDecidedAt"/> when every frame is analysed. The sparse
/// strategy must reach the same outcome and reason, at that frame or a later one that shows the same thing (it does
/// not analyse every frame, so it may first see the deciding situation a few frames later).
/// </summary>
internal sealed record LoadScenario(string Challenge, string Name, string Description, Func<JsonElement, int, FrameSequence> Build, bool ExpectPassed, string ExpectedReason, Func<int, int?> ExpectedDecidedAt)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<LoadScenario> All { get; } =
    [
        new("nose", "genuine", "genuine head turn; the nose enters the target on the last frame", (p, frames) => NoseSequences.Genuine(Nose(p), frames), true, "passed", frames => frames - 1),
        new("nose", "genuine-early", "genuine head turn reaching the target at 2/3 of the frames; the client keeps sending until told to stop", (p, frames) => NoseSequences.Genuine(Nose(p), EarlyPath(frames)), true, "passed", frames => EarlyPath(frames) - 1),
        new("nose", "second-person", "a second face appears at frame 10", (p, frames) => NoseSequences.SecondPersonAppears(Nose(p), 10, frames), false, "multiple_faces", _ => 10),
        new("pose", "genuine", "the first pose held for 2 s, then the second pose until the server stops the client", (p, _) => PoseSequences.Genuine(Pose(p), PoseHoldFrames), true, "passed", _ => PoseHoldFrames),
        new("pose", "second-person", "the genuine poses, with a second face from frame 10", (p, _) => PoseSequences.Genuine(Pose(p), PoseHoldFrames).WithFaceAddedFrom(10, Face.At(0.02, 0.02, 0.15, 0.2).Build()), false, "multiple_faces", _ => 10),
        new("pose", "photo", "a neutral photo for every frame (60 frames at 12 fps stay within the 10 s pose timeout)", (p, frames) => PoseSequences.NeutralPhoto(Pose(p), TimeSpan.FromSeconds(frames / 12.0)), false, "challenge_not_completed", _ => null),
    ];

    /// <summary>Frames per pose in the genuine pose session: 2 s at the default 12 fps.</summary>
    public const int PoseHoldFrames = 24;

    public static NoseChallengeParameters Nose(JsonElement parameters) => parameters.Deserialize<NoseChallengeParameters>(Web)!;

    public static PoseChallengeParameters Pose(JsonElement parameters) => parameters.Deserialize<PoseChallengeParameters>(Web)!;

    private static int EarlyPath(int frames) => frames * 2 / 3;
}
