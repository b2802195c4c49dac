using System.Text.RegularExpressions;

namespace FaceVerify.AspNetCore.Tests.Http;

/// <summary>
/// Pins every code the HTTP API writes for an enum value: the <c>outcome</c>/<c>reason</c>/<c>proof</c> strings of the
/// verify, login and redeem bodies, and the status and problem <c>code</c> of every refusal. Renaming an enum member in
/// code must not change any of these strings (clients, the web component's messages and relying parties match on them);
/// adding a member fails the count check until its code is pinned here and documented in docs/http-api.md.
/// </summary>
public partial class WireCodesTests
{
    private static readonly Dictionary<ChallengeReason, string> ChallengeReasons = new()
    {
        [ChallengeReason.None] = "none",
        [ChallengeReason.Passed] = "passed",
        [ChallengeReason.NoFrames] = "no_frames",
        [ChallengeReason.ChallengeNotCompleted] = "challenge_not_completed",
        [ChallengeReason.StateTimeout] = "state_timeout",
        [ChallengeReason.SessionExpired] = "session_expired",
        [ChallengeReason.FaceNotFound] = "face_not_found",
        [ChallengeReason.MultipleFaces] = "multiple_faces",
        [ChallengeReason.FaceOutsideArea] = "face_outside_area",
        [ChallengeReason.TrajectoryNotSmooth] = "trajectory_not_smooth",
        [ChallengeReason.InsufficientLandmarkMovement] = "insufficient_landmark_movement",
        [ChallengeReason.TurnedAwayFromTarget] = "turned_away_from_target",
        [ChallengeReason.LowConfidence] = "low_confidence",
        [ChallengeReason.HeadRotated] = "head_rotated",
        [ChallengeReason.EyesMismatch] = "eyes_mismatch",
        [ChallengeReason.MouthMismatch] = "mouth_mismatch",
        [ChallengeReason.FrameRejected] = "frame_rejected",
        [ChallengeReason.IdentityMismatch] = "identity_mismatch",
        [ChallengeReason.SpoofSuspected] = "spoof_suspected",
        [ChallengeReason.Custom] = "custom",
    };

    private static readonly Dictionary<FaceLoginReason, string> LoginReasons = new()
    {
        [FaceLoginReason.None] = "passed",
        [FaceLoginReason.LockedOut] = "locked_out",
        [FaceLoginReason.SessionNotFound] = "session_not_found",
        [FaceLoginReason.SessionNotPassed] = "session_not_passed",
        [FaceLoginReason.SessionAlreadyUsed] = "session_already_used",
        [FaceLoginReason.FaceNotFound] = "face_not_found",
        [FaceLoginReason.NotEnrolled] = "not_enrolled",
        [FaceLoginReason.FaceMismatch] = "face_mismatch",
    };

    private static readonly Dictionary<SessionStatus, string> Statuses = new()
    {
        [SessionStatus.Created] = "created",
        [SessionStatus.Collecting] = "collecting",
        [SessionStatus.Passed] = "passed",
        [SessionStatus.Failed] = "failed",
        [SessionStatus.Expired] = "expired",
    };

    private static readonly Dictionary<ResultProof, string> Proofs = new()
    {
        [ResultProof.None] = "none",
        [ResultProof.Liveness] = "liveness",
        [ResultProof.LivenessAndFaceMatch] = "liveness_and_face_match",
    };

    private static readonly Dictionary<StartChallengeReason, (int Status, string Code)> StartRefusals = new()
    {
        [StartChallengeReason.LockedOut] = (429, "locked_out"),
        [StartChallengeReason.UnknownChallengeType] = (400, "unknown_challenge_type"),
        [StartChallengeReason.ChallengeTypeNotAllowed] = (400, "challenge_type_not_allowed"),
        [StartChallengeReason.InvalidFrameSize] = (400, "invalid_frame_size"),
    };

    private static readonly Dictionary<FrameSubmissionReason, (int Status, string Code)> FrameRefusals = new()
    {
        [FrameSubmissionReason.Empty] = (400, "frame_empty"),
        [FrameSubmissionReason.TooLarge] = (413, "frame_too_large"),
        [FrameSubmissionReason.UnsupportedFormat] = (422, "frame_unsupported_format"),
        [FrameSubmissionReason.Corrupt] = (422, "frame_corrupt"),
        [FrameSubmissionReason.WrongDimensions] = (422, "frame_wrong_dimensions"),
        [FrameSubmissionReason.Duplicate] = (409, "duplicate_frame"),
        [FrameSubmissionReason.TooManyFrames] = (409, "too_many_frames"),
        [FrameSubmissionReason.SessionClosed] = (409, "session_closed"),
        [FrameSubmissionReason.TooManyPixels] = (422, "frame_too_many_pixels"),
        [FrameSubmissionReason.UnsupportedOrientation] = (422, "frame_orientation"),
    };

    private static readonly Dictionary<SessionAccessReason, (int Status, string Code)> AccessRefusals = new()
    {
        [SessionAccessReason.InvalidToken] = (401, "invalid_token"),
        [SessionAccessReason.SessionNotFound] = (404, "session_not_found"),
    };

    private static readonly Dictionary<EnrolmentReason, (int Status, string Code)> EnrolmentRefusals = new()
    {
        [EnrolmentReason.NoFace] = (422, "no_face"),
        [EnrolmentReason.MultipleFaces] = (422, "multiple_faces"),
        [EnrolmentReason.LowQuality] = (422, "low_quality"),
        [EnrolmentReason.InvalidImage] = (422, "invalid_image"),
        [EnrolmentReason.LivenessRequired] = (422, "liveness_required"),
        [EnrolmentReason.SessionNotFound] = (404, "session_not_found"),
        [EnrolmentReason.SessionNotPassed] = (409, "session_not_passed"),
        [EnrolmentReason.SessionAlreadyUsed] = (409, "session_already_used"),
        [EnrolmentReason.FaceMismatch] = (422, "face_mismatch"),
        [EnrolmentReason.StepUpRequired] = (403, "step_up_required"),
        [EnrolmentReason.InProgress] = (409, "enrolment_in_progress"),
        [EnrolmentReason.LockedOut] = (429, "locked_out"),
    };

    private static readonly Dictionary<TokenValidationReason, (int Status, string Code)> RedeemRefusals = new()
    {
        [TokenValidationReason.Missing] = (401, "invalid_token"),
        [TokenValidationReason.Malformed] = (401, "invalid_token"),
        [TokenValidationReason.InvalidSignature] = (401, "invalid_token"),
        [TokenValidationReason.Expired] = (401, "token_expired"),
        [TokenValidationReason.WrongSession] = (401, "invalid_token"),
        [TokenValidationReason.AlreadyRedeemed] = (409, "already_redeemed"),
    };

    [Test]
    public void Of_EveryChallengeReason_WritesItsPinnedCode()
    {
        ChallengeReasons.Keys.Should().BeEquivalentTo(Enum.GetValues<ChallengeReason>(), "every member's code is pinned");
        foreach (var (reason, code) in ChallengeReasons)
        {
            WireCodes.Of(reason).Should().Be(code, reason.ToString());
        }
    }

    [Test]
    public void Of_EveryFaceLoginReason_WritesItsPinnedCode_SuccessBeingPassed()
    {
        LoginReasons.Keys.Should().BeEquivalentTo(Enum.GetValues<FaceLoginReason>());
        foreach (var (reason, code) in LoginReasons)
        {
            WireCodes.Of(reason).Should().Be(code, reason.ToString());
        }
    }

    [Test]
    public void Of_EveryStatusAndProof_WritesItsPinnedCode()
    {
        Statuses.Keys.Should().BeEquivalentTo(Enum.GetValues<SessionStatus>());
        Proofs.Keys.Should().BeEquivalentTo(Enum.GetValues<ResultProof>());
        foreach (var (status, code) in Statuses)
        {
            WireCodes.Of(status).Should().Be(code);
        }

        foreach (var (proof, code) in Proofs)
        {
            WireCodes.Of(proof).Should().Be(code);
        }
    }

    [Test]
    public void FromStart_EveryRefusal_HasItsPinnedStatusAndCode()
    {
        StartRefusals.Keys.Should().BeEquivalentTo(Enum.GetValues<StartChallengeReason>().Where(r => r != StartChallengeReason.None));
        foreach (var (reason, expected) in StartRefusals)
        {
            var problem = Problems.FromStart(new StartChallengeResult { Reason = reason, Detail = "d" }, DateTimeOffset.UnixEpoch);
            (problem.Status, problem.Code).Should().Be(expected, reason.ToString());
        }
    }

    [Test]
    public void FromFrame_EveryRefusalAndAccessDenial_HasItsPinnedStatusAndCode()
    {
        FrameRefusals.Keys.Should().BeEquivalentTo(Enum.GetValues<FrameSubmissionReason>().Where(r => r != FrameSubmissionReason.None));
        AccessRefusals.Keys.Should().BeEquivalentTo(Enum.GetValues<SessionAccessReason>().Where(r => r != SessionAccessReason.None));
        foreach (var (reason, expected) in FrameRefusals)
        {
            var problem = Problems.FromFrame(new FrameSubmissionResult(reason, -1, "d"));
            (problem.Status, problem.Code).Should().Be(expected, reason.ToString());
        }

        foreach (var (reason, expected) in AccessRefusals)
        {
            var problem = Problems.FromFrame(new FrameSubmissionResult(FrameSubmissionReason.None, -1, "d") { AccessReason = reason });
            (problem.Status, problem.Code).Should().Be(expected, reason.ToString());
            var verify = Problems.FromAccess(reason, "d");
            (verify.Status, verify.Code).Should().Be(expected, "verify answers the same as frame upload for " + reason);
        }
    }

    [Test]
    public void FromEnrolment_EveryRefusal_HasItsPinnedStatusAndCode()
    {
        EnrolmentRefusals.Keys.Should().BeEquivalentTo(Enum.GetValues<EnrolmentReason>().Where(r => r != EnrolmentReason.None));
        foreach (var (reason, expected) in EnrolmentRefusals)
        {
            var problem = Problems.FromEnrolment(new EnrolmentResult(reason, Detail: "d"), DateTimeOffset.UnixEpoch);
            (problem.Status, problem.Code).Should().Be(expected, reason.ToString());
        }
    }

    [Test]
    public void FromRedeem_EveryRefusal_HasItsPinnedStatusAndCode()
    {
        RedeemRefusals.Keys.Should().BeEquivalentTo(Enum.GetValues<TokenValidationReason>().Where(r => r != TokenValidationReason.None));
        foreach (var (reason, expected) in RedeemRefusals)
        {
            var problem = Problems.FromRedeem(new ResultTokenValidation(reason));
            (problem.Status, problem.Code).Should().Be(expected, reason.ToString());
        }
    }

    [Test]
    public void WebComponentMessages_NameEveryChallengeReasonCode()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "src", "FaceVerify.AspNetCore", "Client", "faceverify.messages.js");
        var messages = File.ReadAllText(path);
        var english = messages[..messages.IndexOf("\n  de: {", StringComparison.Ordinal)];
        var keys = ReasonKey().Matches(english).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        foreach (var code in ChallengeReasons.Where(p => p.Key != ChallengeReason.None).Select(p => p.Value))
        {
            keys.Should().Contain(code, "the web component shows a message for every verify reason it can receive");
        }
    }

    [GeneratedRegex(@"'reason\.([a-z_]+)'")]
    private static partial Regex ReasonKey();
}
