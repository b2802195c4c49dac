using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <summary>
/// The behaviour every <see cref="IAttemptStore"/> must have, as NUnit tests. Inherit, implement
/// <see cref="StoreContractTests{TStore}.CreateStoreAsync"/>, and the whole contract runs against your store:
/// <code>
/// [TestFixture]
/// public sealed class MyAttemptStoreTests : AttemptStoreContractTests
/// {
///     protected override ValueTask&lt;IAttemptStore&gt; CreateStoreAsync() => ValueTask.FromResult&lt;IAttemptStore&gt;(new MyStore(...));
/// }
/// </code>
/// Every test uses fresh random session, user, counter and token ids, so the store may be shared between tests (one
/// DynamoDB table for the whole run). Times are taken from <see cref="StoreContractTests{TStore}.Clock"/> (the system clock by default), so
/// retention times (<c>RetainUntil</c>) always lie in the future of a store that expires items by real time.
/// </summary>
/// <remarks>
/// Conventions the tests pin down, beyond the interface's documentation:
/// <list type="bullet">
/// <item>Timestamps round-trip to the millisecond (a store may drop sub-millisecond ticks); instants are compared, not offsets.</item>
/// <item><see cref="ChallengeSession.Parameters"/> round-trips as the same JSON text (no reformatting of the raw value).</item>
/// <item>Attempt windows are aligned on the Unix epoch: the window containing <c>now</c> starts at
/// <c>floor(now / window) * window</c>, so every instance agrees on the window without coordination.</item>
/// <item><see cref="IAttemptStore.DeleteUserDataAsync"/> keeps attempt counters, also those whose key contains the user
/// id (the services count per user that way): deleting one's data must not reset one's lockout. A store never parses
/// counter keys.</item>
/// <item>User locks and markers expire by the store's clock, which the tests assume agrees with <see cref="StoreContractTests{TStore}.Clock"/>.</item>
/// </list>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names follow Method_Scenario_Expectation.")]
public abstract partial class AttemptStoreContractTests : StoreContractTests<IAttemptStore>
{
    private const string ParametersJson = """{"target":{"x":0.25,"y":0.75},"radius":0.125,"label":"nose \u00e9"}""";

    // ---------------------------------------------------------------- helpers

    /// <summary>The current time of <see cref="StoreContractTests{TStore}.Clock"/>.</summary>
    /// <returns>Now.</returns>
    protected DateTimeOffset Now() => Clock.GetUtcNow();

    /// <summary>A random id with a readable prefix, unique across test runs.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The id.</returns>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A new session in state Created with a random id (and a random user unless given), times from <see cref="StoreContractTests{TStore}.Clock"/>.</summary>
    /// <param name="userId">The user, or <see langword="null"/> for a random one.</param>
    /// <returns>The session (not stored yet).</returns>
    protected ChallengeSession NewSession(string? userId = null)
    {
        var now = Now();
        using var parameters = JsonDocument.Parse(ParametersJson);
        return new ChallengeSession
        {
            Id = NewId("s"),
            UserId = userId ?? NewId("u"),
            ChallengeType = "nose",
            Parameters = parameters.RootElement.Clone(),
            FrameWidth = 640,
            FrameHeight = 480,
            CreatedAt = now.AddTicks(4321),
            ExpiresAt = now.AddMinutes(2).AddTicks(9876),
            RetainUntil = now.AddDays(1),
        };
    }

    /// <summary>A new frame for <paramref name="session"/> whose content hash is derived from the session and <paramref name="n"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="n">Distinguishes frames of one session.</param>
    /// <returns>The frame (not stored yet).</returns>
    protected FrameRecord NewFrame(ChallengeSession session, int n)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hash = Hash(session.Id + "/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new FrameRecord
        {
            SessionId = session.Id,
            ReceivedAt = Now().AddMilliseconds(n * 40).AddTicks(77),
            ContentHash = hash,
            StorageKey = FrameKeys.Frame(session.Id, hash, ImageFormat.Jpeg),
            Format = ImageFormat.Jpeg,
            Length = 20_000 + n,
            RetainUntil = session.RetainUntil,
        };
    }

    private async Task<ChallengeSession> CreateAsync(ChallengeSession? session = null)
    {
        session ??= NewSession();
        Assert.That(await Store.TryCreateSessionAsync(session, CancellationToken.None).ConfigureAwait(false), Is.True, "TryCreateSessionAsync of a new id");
        return session;
    }

    // The stored snapshot of a session that must exist (a missing one fails here, by name, not as a null reference later).
    private async Task<ChallengeSession> StoredAsync(string sessionId)
    {
        var stored = await Store.GetSessionAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored, Is.Not.Null, "GetSessionAsync of a stored session");
        return stored!;
    }

    private async Task AppendAsync(ChallengeSession session, int n)
    {
        var result = await Store.TryAppendFrameAsync(NewFrame(session, n), 1000, CancellationToken.None).ConfigureAwait(false);
        Assert.That(result.Status, Is.EqualTo(FrameAppendStatus.Appended), "TryAppendFrameAsync of a new frame");
    }

    private (DateTimeOffset Start, DateTimeOffset End) CurrentWindow(TimeSpan window) => CurrentWindow(window, Now());

    private static (DateTimeOffset Start, DateTimeOffset End) CurrentWindow(TimeSpan window, DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (sinceEpoch % window.Ticks));
        return (start, start + window);
    }

    /// <summary>A counter key that contains the user id, as the services' per-user counters do (which <see cref="IAttemptStore.DeleteUserDataAsync"/> must keep).</summary>
    private static string CounterKeyOf(string userId) => "attempts/" + userId;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static FaceDetails RichFace(double left) => new()
    {
        BoundingBox = new BoundingBox(0.3125, 0.41666666666666669, left, 0.2),
        Landmarks =
        [
            new Landmark(LandmarkType.EyeLeft, left + 0.1, 0.33),
            new Landmark(LandmarkType.EyeRight, left + 0.2, 0.3300001),
            new Landmark(LandmarkType.Nose, left + 0.15, 0.4),
            new Landmark(LandmarkType.MouthLeft, left + 0.11, 0.5),
            new Landmark(LandmarkType.MouthRight, left + 0.19, 0.5),
        ],
        Pose = new FacePose(-1.5, 12.25, -3.125),
        EyesOpen = new FaceTrait(true, 99.5),
        MouthOpen = new FaceTrait(false, 87.25),
        Smile = new FaceTrait(true, 60.0625),
        Confidence = 99.99,
        Quality = new ImageQuality(71.5, 88.125),
    };

    private static void AssertSameInstant(DateTimeOffset? actual, DateTimeOffset expected)
    {
        Assert.That(actual, Is.Not.Null);
        var difference = (actual!.Value - expected).Duration();
        Assert.That(difference, Is.LessThan(TimeSpan.FromMilliseconds(1)), $"expected {expected:O}, was {actual:O}");
    }

    private static void AssertSameSession(ChallengeSession? actual, ChallengeSession expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.That(actual!.Id, Is.EqualTo(expected.Id));
        Assert.That(actual.UserId, Is.EqualTo(expected.UserId));
        Assert.That(actual.ChallengeType, Is.EqualTo(expected.ChallengeType));
        Assert.That(actual.Parameters.GetRawText(), Is.EqualTo(expected.Parameters.GetRawText()));
        Assert.That(actual.FrameWidth, Is.EqualTo(expected.FrameWidth));
        Assert.That(actual.FrameHeight, Is.EqualTo(expected.FrameHeight));
        AssertSameInstant(actual.CreatedAt, expected.CreatedAt);
        AssertSameInstant(actual.ExpiresAt, expected.ExpiresAt);
        AssertSameInstant(actual.RetainUntil, expected.RetainUntil);
    }

    private static void AssertSameAnalysis(StoredAnalysis? actual, StoredAnalysis expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.That(actual!.Rejection, Is.EqualTo(expected.Rejection));
        AssertSameInstant(actual.AnalyzedAt, expected.AnalyzedAt);
        Assert.That(actual.Faces, Has.Count.EqualTo(expected.Faces.Count));
        for (var i = 0; i < expected.Faces.Count; i++)
        {
            var a = actual.Faces[i];
            var e = expected.Faces[i];
            Assert.That(a.BoundingBox, Is.EqualTo(e.BoundingBox), $"face {i} BoundingBox");
            Assert.That(a.Landmarks, Is.EqualTo(e.Landmarks), $"face {i} Landmarks");
            Assert.That(a.Pose, Is.EqualTo(e.Pose), $"face {i} Pose");
            Assert.That(a.EyesOpen, Is.EqualTo(e.EyesOpen), $"face {i} EyesOpen");
            Assert.That(a.MouthOpen, Is.EqualTo(e.MouthOpen), $"face {i} MouthOpen");
            Assert.That(a.Smile, Is.EqualTo(e.Smile), $"face {i} Smile");
            Assert.That(a.Confidence, Is.EqualTo(e.Confidence), $"face {i} Confidence");
            Assert.That(a.Quality, Is.EqualTo(e.Quality), $"face {i} Quality");
        }
    }
}
