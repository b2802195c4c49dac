using System.ComponentModel.DataAnnotations;

namespace FaceVerify;

/// <summary>
/// FaceVerify's options, bound from the configuration section <c>"FaceVerify"</c> and validated at start-up
/// (DataAnnotations plus <see cref="FaceVerificationOptionsValidator"/>): a bad value fails the host's start with a
/// message naming the setting.
/// </summary>
public class FaceVerificationOptions
{
    /// <summary>The configuration section FaceVerify binds from.</summary>
    public const string SectionName = "FaceVerify";

    /// <summary>How long a session may run from start to verify (server time). Default: 3 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long sessions, frames and analyses are kept after a session starts before stores delete them (TTL). Default: 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest accepted frame, in bytes. Default: 1 MiB.</summary>
    [Range(1024, 5 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>The most frames one session accepts. Default: 150.</summary>
    [Range(1, 1000)]
    public int MaxFramesPerSession { get; set; } = 150;

    /// <summary>The smallest frame width and height a session may be started with, in pixels. Default: 336 (the nose challenge's boxes need at least 251×335).</summary>
    [Range(80, 4096)]
    public int MinFrameSize { get; set; } = 336;

    /// <summary>The largest frame width and height a session may be started with, in pixels. Default: 1280.</summary>
    [Range(80, 4096)]
    public int MaxFrameSize { get; set; } = 1280;

    /// <summary>
    /// How many frame analyses run at once in this process, across all sessions. Size it as at least concurrent users ×
    /// frames per second × analyzer latency (8 users × 12 fps × 0.1 s ≈ 10), and keep instances × this value within the
    /// analyzer's rate quota (Rekognition's DetectFaces TPS). Too low, and analyses queue up behind the users: verify
    /// then waits for the backlog (docs/performance.md, "Verify latency"). Enrolment and face login share this bound
    /// and may hold at most a quarter of it (at least one), so they never starve frame analysis. Default: 16.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentAnalyses { get; set; } = 16;

    /// <summary>
    /// Which accepted frames are analysed (each analysis is one analyzer call: a billed <c>DetectFaces</c> on Rekognition).
    /// Default: <see cref="FrameAnalysisStrategy.EveryFrame"/> — every frame up to the decision.
    /// <see cref="FrameAnalysisStrategy.Sparse"/> analyses only the frames the challenge needs (sparsely while the outcome
    /// cannot change, every frame near the predicted decision, the first deciding frame searched back, failed analyses
    /// demanded again), plus <see cref="AuditFrames"/> random ones: about 5–6 calls instead of 25–60 per check. It is not
    /// yet the default: its verdict differs from every-frame analysis on 2 of the 37 committed corpus recordings in at
    /// least one of 20 trials (a single substituted in-target frame it does not analyse, and a face that enters the area
    /// box for single frames between samples), above the 1 % target (docs/performance.md, "Sparse analysis").
    /// </summary>
    public FrameAnalysisStrategy AnalysisStrategy { get; set; } = FrameAnalysisStrategy.EveryFrame;

    /// <summary>
    /// With the <see cref="FrameAnalysisStrategy.Sparse"/> strategy: how many not-yet-analysed frames before a passing
    /// decision are chosen at random (CSPRNG, after they arrived) and analysed too, so a client cannot know which frames
    /// will be looked at. Their analyses join the decision and the identity checks like any other. Default: 1.
    /// </summary>
    [Range(0, 10)]
    public int AuditFrames { get; set; } = 1;

    /// <summary>
    /// Timeout of one analyzer call attempt; with an analyzer that retries itself (<c>UseRekognition()</c> sets
    /// <see cref="AnalysisMaxRetries"/> to 0) the one attempt is the whole analysis, so this is its overall deadline and
    /// must exceed the adapter's own attempt timeout (checked at start-up). Default: 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AnalysisTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many times an analyzer call that failed transiently (timeout, I/O, socket or HTTP fault) is retried, with
    /// exponential back-off and jitter; other faults, and an analyzer's <see cref="FaceVerificationException"/>, are not
    /// retried. One layer retries: <c>UseRekognition()</c> sets this to 0 because the adapter retries. Default: 3.
    /// </summary>
    [Range(0, 10)]
    public int AnalysisMaxRetries { get; set; } = 3;

    /// <summary>The base delay between analyzer retries. Default: 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan AnalysisRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most sessions one user may start per <see cref="AttemptWindow"/>; then <see cref="StartChallengeReason.LockedOut"/>. Default: 5.</summary>
    [Range(1, 10000)]
    public int MaxSessionsPerUser { get; set; } = 5;

    /// <summary>The most sessions one device id may start per <see cref="AttemptWindow"/>, when the caller passes a device id. Default: 10.</summary>
    [Range(1, 100000)]
    public int MaxSessionsPerDevice { get; set; } = 10;

    /// <summary>The most sessions one client address may start per <see cref="AttemptWindow"/>, when the caller passes an address. Default: 30.</summary>
    [Range(1, 1000000)]
    public int MaxSessionsPerAddress { get; set; } = 30;

    /// <summary>The attempt-counting window (fixed windows). Default: 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether a client may choose the challenge type (among <see cref="EnabledChallengeTypes"/>). Default:
    /// <see langword="false"/>: the server chooses at random, so an attacker cannot pick the weakest challenge.
    /// </summary>
    public bool AllowClientChallengeType { get; set; }

    /// <summary>The challenge types the server chooses from (names of registered challenges). Default: empty, meaning every registered challenge.</summary>
    public IList<string> EnabledChallengeTypes { get; } = [];

    /// <summary>
    /// The minimum similarity (0–100) for face login and enrolment (two liveness frames, each against the reference
    /// photo: the two most frontal ones when <see cref="IdentityConsistencyCheck"/> bound them to the deciding frame,
    /// otherwise the deciding frame and the most frontal other one). Default: 90.
    /// </summary>
    [Range(50.0, 100.0)]
    public double SimilarityThreshold { get; set; } = 90;

    /// <summary>How long after a session passed it may be used for face login. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest accepted enrolment photo, in bytes (Rekognition accepts at most 5 MiB). Default: 5 MiB.</summary>
    [Range(1024, 5 * 1024 * 1024)]
    public int MaxEnrolmentPhotoBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// The most pixels (width × height, read from the image header before anything is stored or analysed) a frame or an
    /// enrolment photo may declare. A few kilobytes of PNG or JPEG can declare 16383 × 16383 pixels and decode to
    /// gigabytes; this limit refuses them up front. Must be at least <see cref="MaxFrameSize"/>². Default: 16 777 216
    /// (16 megapixels, e.g. 4096 × 4096 or a 4896 × 3264 phone photo).
    /// </summary>
    [Range(6_400, 67_108_864)]
    public int MaxImagePixels { get; set; } = 16_777_216;

    /// <summary>How long a reference photo is kept before the frame store may delete it. Default: 365 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan EnrolmentRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Whether a first enrolment needs a passed, unused liveness session of the user whose frames match the photo.
    /// Default: <see langword="true"/>. Turning it off lets a signed-in caller enrol any photo without showing a live
    /// face (weaker: whoever holds the user's session chooses whose face logs in); replacements still need a step-up
    /// and, when a session is given, it is checked all the same.
    /// </summary>
    public bool RequireLivenessForEnrolment { get; set; } = true;

    /// <summary>How long after a successful face login the user may replace their reference without another step-up. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most enrolment attempts one user may make per <see cref="AttemptWindow"/> (counted whatever their result); then <see cref="EnrolmentReason.LockedOut"/>. Default: 5.</summary>
    [Range(1, 10000)]
    public int MaxEnrolmentsPerUser { get; set; } = 5;

    /// <summary>The most face-login attempts one user may make per <see cref="AttemptWindow"/> (counted whatever their result); then <see cref="FaceLoginReason.LockedOut"/>. Default: 10.</summary>
    [Range(1, 10000)]
    public int MaxLoginsPerUser { get; set; } = 10;

    /// <summary>
    /// How long one enrolment or deletion may hold the user's lock (enrolment and deletion of one user run one at a
    /// time); a crashed holder blocks the user for at most this long. Default: 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan EnrolmentLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether verify binds every analysed single-face frame up to the decision to the deciding frame (with the
    /// registered <see cref="IFaceComparer"/>, when there is one): the frames form a tree rooted at the deciding frame,
    /// each compared with the frame of nearest head pose, and the session fails with
    /// <see cref="ChallengeReason.IdentityMismatch"/> when one comparison is below
    /// <see cref="IdentityConsistencyThreshold"/>: one comparer call per such frame but the deciding one, for passed
    /// challenges only. Turning it off lets a session that shows two people pass liveness (face login then compares the
    /// deciding frame and one other frame with the reference). Default: <see langword="true"/>.
    /// </summary>
    public bool IdentityConsistencyCheck { get; set; } = true;

    /// <summary>
    /// The minimum similarity (0–100) of two frames of one session compared by the identity-consistency check
    /// (<see cref="IdentityConsistencyCheck"/>; each frame against the frame of nearest head pose). It must stay above
    /// what two different people score at any pose and below what one person scores between nearby poses. Measured with
    /// the local engine on the liveness corpus (docs/liveness-evidence.md, "Identity binding of turned faces"): one
    /// person, each frame against its nearest pose, lowest 93.4 over 56 sessions (against the turned deciding frame: 11
    /// of the 56 below 90, lowest 48.3); a substituted person against any live frame, highest 87.3; two faces of one
    /// photo, highest 92.5 (0.1 % of pairs at 90 or more). Lower it only with measurements of your engine. Default: 90.
    /// </summary>
    [Range(50.0, 100.0)]
    public double IdentityConsistencyThreshold { get; set; } = 90;
}
