using System.Net;
using System.Text.Json;
using FaceVerify.SecurityTests.Challenges.Nose;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Attacks through the HTTP endpoints (in-process TestServer, real nose and pose challenges, scripted analyzer): each
/// must be refused with its reason. The table in docs/security.md ("Attack suite") lists these tests by name.
/// </summary>
public sealed class AttackSuiteTests
{
    private SecurityHost _host = null!;
    private HttpClient _alice = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await SecurityHost.StartAsync(core: o =>
        {
            o.AllowClientChallengeType = true;
            o.MaxSessionsPerUser = 1000;
        });
        _alice = _host.Client("alice");
    }

    [TearDown]
    public async Task TearDown()
    {
        _alice.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Nose_GenuineUser_Passes()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var verdict = await _alice.PlayAsync(_host, session, NoseSequences.Genuine(session.Nose()));
        verdict.Success.Should().BeTrue(verdict.ToString());
    }

    [Test]
    public async Task Pose_GenuineUser_Passes()
    {
        var session = await _alice.StartAsync(_host, type: "pose");
        var verdict = await _alice.PlayAsync(_host, session, PoseSequences.Genuine(session.Pose()));
        verdict.Success.Should().BeTrue(verdict.ToString());
    }

    [Test]
    public async Task Nose_StaticPhoto_FailsStateTimeout()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        ShouldFail(await _alice.PlayAsync(_host, session, NoseSequences.StaticFace(session.Nose())), ChallengeReason.StateTimeout);
    }

    [Test]
    public async Task Pose_StaticPhoto_FailsStateTimeout()
    {
        var session = await _alice.StartAsync(_host, type: "pose");
        ShouldFail(await _alice.PlayAsync(_host, session, PoseSequences.NeutralPhoto(session.Pose())), ChallengeReason.StateTimeout);
    }

    [Test]
    public async Task Nose_RigidlyMovedPhoto_FailsInsufficientLandmarkMovement()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        ShouldFail(await _alice.PlayAsync(_host, session, NoseSequences.RigidPhoto(session.Nose())), ChallengeReason.InsufficientLandmarkMovement);
    }

    [TestCase(35, 0)]
    [TestCase(45, 15)]
    public async Task Nose_TiltedPhoto_FailsPlanarMotion(double yawTilt, double pitchTilt)
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var verdict = await _alice.PlayAsync(_host, session, PhotoAttackSequences.TiltedPhoto(session.Nose(), yawTilt, pitchTilt));
        ShouldFail(verdict, ChallengeReason.InsufficientLandmarkMovement);
        verdict.Detail.Should().Contain("planar motion");
    }

    [Test]
    public async Task Nose_FramesReplayedFromAnotherSession_FailsChallengeNotCompleted()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var recorded = NoseSequences.ReplayedFrom(NoseSequences.OtherSession(session.Nose()));
        ShouldFail(await _alice.PlayAsync(_host, session, recorded), ChallengeReason.ChallengeNotCompleted);
    }

    [Test]
    public async Task Pose_FramesReplayedFromAnotherSession_FailsChallengeNotCompleted()
    {
        var session = await _alice.StartAsync(_host, type: "pose");
        var mine = session.Pose();
        var others = (from e in Enum.GetValues<PoseEyes>() from m in Enum.GetValues<PoseMouth>() select new RequestedPose { Eyes = e, Mouth = m })
            .Where(p => !mine.Poses.Contains(p)).Take(mine.Poses.Count).ToArray();
        var recorded = PoseSequences.Genuine(mine with { Poses = others });
        ShouldFail(await _alice.PlayAsync(_host, session, recorded), ChallengeReason.ChallengeNotCompleted);
    }

    [Test]
    public async Task Frame_ReplayedTwiceInTheSameSession_RefusedAsDuplicate()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var frame = _host.Script.Frame(session.Width, session.Height, []);
        (await _alice.PutFrameAsync(session.Id, session.Token, frame)).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, frame));
        again.Code.Should().Be("duplicate_frame", again.ToString());
    }

    [Test]
    public async Task Nose_SecondPersonMidSession_FailsMultipleFaces()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        ShouldFail(await _alice.PlayAsync(_host, session, NoseSequences.SecondPersonAppears(session.Nose())), ChallengeReason.MultipleFaces);
    }

    [Test]
    public async Task Pose_SecondPersonMidSession_FailsMultipleFaces()
    {
        var session = await _alice.StartAsync(_host, type: "pose");
        ShouldFail(await _alice.PlayAsync(_host, session, PoseSequences.SecondPersonAppears(session.Pose())), ChallengeReason.MultipleFaces);
    }

    [Test]
    public async Task Nose_AnotherPersonTakesOverMidSession_FailsIdentityMismatch()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var verdict = await _alice.PlayAsync(_host, session, NoseSequences.Genuine(session.Nose()), personSwitch: (i, _) => i >= 5);
        ShouldFail(verdict, ChallengeReason.IdentityMismatch);
    }

    [Test]
    public async Task Pose_AnotherPersonTakesOverMidSession_FailsIdentityMismatch()
    {
        var session = await _alice.StartAsync(_host, type: "pose");
        var verdict = await _alice.PlayAsync(_host, session, PoseSequences.Genuine(session.Pose()), personSwitch: (i, _) => i >= 2);
        ShouldFail(verdict, ChallengeReason.IdentityMismatch);
    }

    [Test]
    public async Task Token_OfAnotherSession_RefusedForFramesAndVerify()
    {
        var target = await _alice.StartAsync(_host, type: "nose");
        var other = await _alice.StartAsync(_host, type: "nose");
        var put = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(target.Id, other.Token, _host.Script.Frame(640, 480, [])));
        put.Code.Should().Be("invalid_token", put.ToString());
        var verify = await _alice.VerifyAsync(target.Id, other.Token);
        verify.Code.Should().Be("invalid_token", verify.ToString());
    }

    [Test]
    public async Task Token_OfAnotherUser_RefusedForFramesAndVerify()
    {
        using var mallory = _host.Client("mallory");
        var alices = await _alice.StartAsync(_host, type: "nose");
        var mallorys = await mallory.StartAsync(_host, type: "nose");
        var put = await SecurityClient.ReadVerdictAsync(await mallory.PutFrameAsync(alices.Id, mallorys.Token, _host.Script.Frame(640, 480, [])));
        put.Code.Should().Be("invalid_token", put.ToString());
        (await mallory.VerifyAsync(alices.Id, mallorys.Token)).Code.Should().Be("invalid_token");
    }

    [Test]
    public async Task Token_Forged_RefusedForFramesAndVerify()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var parts = session.Token.Split('.');
        parts.Should().HaveCount(3, "the session token is a JWT");
        var payload = Base64UrlDecode(parts[1]).Replace("alice", "mallo", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncode(payload)}.{parts[2]}";
        var tampered = session.Token[..^2] + (session.Token[^2] == 'A' ? "BB" : "AA");
        foreach (var token in new[] { forged, tampered, "not-a-token", string.Empty })
        {
            var put = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, token, _host.Script.Frame(640, 480, [])));
            put.Status.Should().Be(401, put.ToString());
            (await _alice.VerifyAsync(session.Id, token)).Status.Should().BeOneOf([400, 401], "token '{0}'", token);
        }
    }

    [Test]
    public async Task ResultToken_UsedTwice_SecondRedemptionRefused()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var verdict = await _alice.PlayAsync(_host, session, NoseSequences.Genuine(session.Nose()));
        verdict.Success.Should().BeTrue(verdict.ToString());
        var first = await _alice.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = verdict.ResultToken }));
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var second = await SecurityClient.ReadVerdictAsync(await _alice.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = verdict.ResultToken })));
        second.Code.Should().Be("already_redeemed", second.ToString());

        // Verify again returns the stored outcome with a new token: the session's result is still redeemed.
        var again = await _alice.VerifyAsync(session.Id, session.Token);
        var third = await SecurityClient.ReadVerdictAsync(await _alice.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = again.ResultToken })));
        third.Code.Should().Be("already_redeemed", third.ToString());
    }

    [Test]
    public async Task Session_Expired_RefusesFramesAndVerifiesAsExpired()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var frames = _host.Script.Frames(NoseSequences.Genuine(session.Nose()));
        (await _alice.PutFrameAsync(session.Id, session.Token, frames[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        _host.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        var late = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, frames[1]));
        late.Status.Should().BeOneOf([401, 409], late.ToString());
        var verdict = await _alice.VerifyAsync(session.Id, session.Token);
        verdict.Success.Should().BeFalse(verdict.ToString());
        verdict.Outcome.Should().BeOneOf("expired", "Expired");
    }

    [Test]
    public async Task Session_LongAfterExpiry_TakesNoFramesAndCannotPass()
    {
        var session = await _alice.StartAsync(_host, type: "nose");
        var sequence = NoseSequences.Genuine(session.Nose());
        var frames = _host.Script.Frames(sequence);
        for (var i = 0; i < frames.Count - 1; i++)
        {
            _host.Time.SetUtcNow(session.StartedAt + sequence[i].At);
            (await _alice.PutFrameAsync(session.Id, session.Token, frames[i])).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        _host.Time.Advance(TimeSpan.FromHours(1));
        var late = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, frames[^1]));
        late.Status.Should().Be(401, late.ToString());
        var verdict = await _alice.VerifyAsync(session.Id, session.Token);
        verdict.Success.Should().BeFalse(verdict.ToString());
        var stored = await _host.Services.GetRequiredServiceCompat<IAttemptStore>().GetSessionAsync(session.Id, CancellationToken.None);
        stored!.Status.Should().NotBe(SessionStatus.Passed);
    }

    [Test]
    public async Task Nose_ForgedTimestamps_IgnoredServerTimeCounts()
    {
        // A static photo whose JSON frames claim to arrive 50 ms apart (so the 10 s nose timeout would never run out on
        // client time) while the server receives them 200 ms apart: server time decides, the state times out.
        var session = await _alice.StartAsync(_host, type: "nose");
        var sequence = NoseSequences.StaticFace(session.Nose());
        for (var i = 0; i < sequence.Count; i++)
        {
            _host.Time.SetUtcNow(session.StartedAt + sequence[i].At);
            var bytes = _host.Script.Frame(sequence.FrameWidth, sequence.FrameHeight, sequence[i].Faces);
            var body = new { token = session.Token, frameBase64 = Convert.ToBase64String(bytes), timestamp = 1_700_000_000_000L + (i * 50) };
            var response = await _alice.PutAsync($"{SecurityHost.Prefix}/challenge/{session.Id}/frame", SecurityHost.Json(body));
            if (!response.IsSuccessStatusCode)
            {
                break;
            }
        }

        ShouldFail(await _alice.VerifyAsync(session.Id, session.Token), ChallengeReason.StateTimeout);
    }

    [Test]
    public async Task Start_ClientChosenParameters_Ignored()
    {
        var forged = new { noseLeft = 320, noseTop = 240, noseWidth = 640, noseHeight = 480, areaLeft = 0, areaTop = 0, areaWidth = 640, areaHeight = 480 };
        var session = await _alice.StartAsync(_host, type: "nose", extra: new { @params = forged, noseLeft = 320, noseWidth = 640, poses = new[] { new { eyes = "open", mouth = "closed" } } });
        var p = session.Nose();
        p.NoseWidth.Should().Be(20);
        p.NoseHeight.Should().Be(20);
        p.AreaWidth.Should().BeLessThan(640);
        Math.Abs(p.NoseLeft + 10 - 320).Should().BeGreaterThanOrEqualTo(45, "the target is at least 45 px from the centre, never where the client asked");
    }

    [Test]
    public async Task Start_ClaimedFrameSizeDiffersFromRealFrames_FramesRefused()
    {
        var session = await _alice.StartAsync(_host, 480, 480, type: "nose");
        var put = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, _host.Script.Frame(640, 480, [])));
        put.Code.Should().Be("frame_wrong_dimensions", put.ToString());
    }

    [Test]
    public async Task Start_ClientChosenChallengeTypeWhenNotAllowed_Refused()
    {
        await using var strict = await SecurityHost.StartAsync();
        using var client = strict.Client("alice");
        var response = await SecurityClient.ReadVerdictAsync(await client.PostAsync($"{SecurityHost.Prefix}/challenge", SecurityHost.Json(new { imageWidth = 640, imageHeight = 480, challengeType = "pose" })));
        response.Code.Should().Be("challenge_type_not_allowed", response.ToString());
    }

    [Test]
    public async Task Start_FloodOfSessionsForOneUser_LockedOut()
    {
        await using var strict = await SecurityHost.StartAsync();
        using var client = strict.Client("alice");
        for (var i = 0; i < 5; i++)
        {
            await client.StartAsync(strict);
        }

        var refused = await SecurityClient.ReadVerdictAsync(await client.PostAsync($"{SecurityHost.Prefix}/challenge", SecurityHost.Json(new { imageWidth = 640, imageHeight = 480 })));
        refused.Code.Should().Be("locked_out", refused.ToString());
    }

    [Test]
    public async Task Requests_FloodFromOneUser_RateLimited()
    {
        await using var strict = await SecurityHost.StartAsync(endpoints: o => o.RateLimitPermitLimit = 20);
        using var client = strict.Client("alice");
        var codes = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            codes.Add((int)(await client.PostAsync($"{SecurityHost.Prefix}/challenge/x/verify", SecurityHost.Json(new { token = "x" }))).StatusCode);
        }

        codes.Should().Contain(429);
        codes.Take(20).Should().NotContain(429);
    }

    [TestCase("nose")]
    [TestCase("pose")]
    public async Task Verify_TenInParallel_OneCompletionSameOutcomeOneRedemption(string type)
    {
        var session = await _alice.StartAsync(_host, type: type);
        var sequence = type == "nose" ? NoseSequences.Genuine(session.Nose()) : PoseSequences.Genuine(session.Pose());
        foreach (var (frame, i) in _host.Script.Frames(sequence).Select((f, i) => (f, i)))
        {
            _host.Time.SetUtcNow(session.StartedAt + sequence[i].At);
            if (!(await _alice.PutFrameAsync(session.Id, session.Token, frame)).IsSuccessStatusCode)
            {
                break; // decided: later frames are refused (session_closed)
            }
        }

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _alice.VerifyAsync(session.Id, session.Token)));
        verdicts.Select(v => (v.Status, v.Outcome, v.Reason)).Distinct().Should().ContainSingle(string.Join("; ", verdicts.Select(v => v.ToString())));
        verdicts[0].Success.Should().BeTrue();
        var redemptions = await Task.WhenAll(verdicts.Select(v => _alice.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = v.ResultToken }))));
        redemptions.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        redemptions.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(9);
        var stored = await _host.Services.GetRequiredServiceCompat<IAttemptStore>().GetSessionAsync(session.Id, CancellationToken.None);
        stored!.Status.Should().Be(SessionStatus.Passed);
    }

    private static void ShouldFail(Verdict verdict, ChallengeReason reason)
    {
        verdict.Status.Should().Be(200, verdict.ToString());
        verdict.Success.Should().BeFalse(verdict.ToString());
        verdict.Reason.Should().Be(SnakeCase(reason.ToString()), verdict.ToString());
    }

    internal static string SnakeCase(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        s += new string('=', (4 - (s.Length % 4)) % 4);
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }

    private static string Base64UrlEncode(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
