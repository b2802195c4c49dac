using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Face login must prove that the same live person is there end to end (issue 12, items 1, 3 and 6), attacked through
/// the HTTP endpoints: one frame of the victim's photo inside the attacker's live session (photo substitution),
/// look-alike accounts crowding the victim out of a collection search (collection poisoning), and result tokens that
/// do not say what they prove or can be redeemed once per verify call. The scripted comparer knows whose face each frame
/// shows (same person 99, another 5). docs/security.md (T6, T23–T25) lists these tests.
/// </summary>
public sealed class IdentityBindingAttackTests
{
    private SecurityHost _host = null!;
    private HttpClient _alice = null!;

    [SetUp]
    public async Task SetUp()
    {
        // The collection answers like a Rekognition search by whose face the probe shows: a face login that still went
        // through it would let the victim's photo frame log in (item 1) and would be crowded out by look-alikes (item 3).
        FrameScript? script = null;
        _host = await SecurityHost.StartAsync(
            core: o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 1000;
                // These tests attack face login; the reference is planted with a raw photo (enrolment rules: EnrolmentAttackTests).
                o.RequireLivenessForEnrolment = false;
            },
            faceVerification: fv => fv.UseFaceCollection(new TopTenFaceCollection(() => script!, LookAlikes)));
        script = _host.Script;
        _alice = _host.Client("alice");
    }

    [TearDown]
    public async Task TearDown()
    {
        _alice.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>
    /// Photo substitution: mallory holds alice's first factor, performs the challenge with her own live head, and shows
    /// one frame of alice's photo (frame 1: the most frontal frame of the session, between the first and the deciding frame).
    /// The session must fail <c>identity_mismatch</c>, and face login as alice must fail.
    /// </summary>
    [TestCase("nose")]
    [TestCase("pose")]
    public async Task FaceLogin_OneFrameOfTheVictimsPhotoInTheAttackersLiveSession_FailsIdentityMismatchNeverLogsIn(string type)
    {
        await EnrolAsync(_alice, "alice");
        var session = await _alice.StartAsync(_host, type: type);
        var sequence = Genuine(session, type);

        var verdict = await PlayAsync(_alice, session, sequence, i => i == 1 ? "alice" : "mallory", substituted: 1);
        var login = await _alice.LoginWithFaceAsync(session.Id);

        login.GetProperty("success").GetBoolean().Should().BeFalse(login.ToString());
        var stored = await _host.Services.GetRequiredServiceCompat<IAttemptStore>().GetFramesAsync(session.Id, CancellationToken.None);
        if (stored.Single(f => f.Sequence == 1).Analysis is not null)
        {
            // Analysed (always with every-frame analysis; when a sample or audit lands on it with the sparse default):
            // compared with the deciding frame, so the session fails.
            verdict.Reason.Should().Be("identity_mismatch", verdict.ToString());
            verdict.Success.Should().BeFalse();
        }
        else
        {
            // The sparse strategy never analysed it: nothing reads an unanalysed frame (not the decision, not the
            // identity check, not the face-login probes), so the session proves only mallory's liveness, and login as
            // alice fails above.
            verdict.Reason.Should().BeOneOf(["passed", "identity_mismatch"], verdict.ToString());
        }
    }

    /// <summary>
    /// The same attack with the victim's photo as the deciding frame only (the last frame): the attacker's frames before
    /// it are another person, so the session fails too.
    /// </summary>
    [Test]
    public async Task FaceLogin_VictimsPhotoAsTheDecidingFrameOnly_FailsIdentityMismatch()
    {
        await EnrolAsync(_alice, "alice");
        var session = await _alice.StartAsync(_host, type: "nose");
        var sequence = Genuine(session, "nose");

        var verdict = await PlayAsync(_alice, session, sequence, i => i == sequence.Count - 1 ? "alice" : "mallory");

        verdict.Reason.Should().Be("identity_mismatch", verdict.ToString());
        (await _alice.LoginWithFaceAsync(session.Id)).GetProperty("success").GetBoolean().Should().BeFalse();
    }

    /// <summary>
    /// Collection poisoning: fifteen other accounts enrol look-alikes of alice (each scoring higher against alice's live
    /// face than her own reference does). A top-10 search would no longer return alice's face; a 1:1 comparison with
    /// alice's own reference is untouched, and no collection search runs on the login path.
    /// </summary>
    [Test]
    public async Task FaceLogin_FifteenLookAlikeAccounts_CannotPushTheVictimOut()
    {
        await EnrolAsync(_alice, "alice");
        for (var i = 1; i <= 15; i++)
        {
            using var twin = _host.Client($"twin-{i:00}");
            await EnrolAsync(twin, $"alice-look-alike-{i:00}");
        }

        var session = await _alice.StartAsync(_host, type: "nose");
        var verdict = await PlayAsync(_alice, session, Genuine(session, "nose"), _ => "alice");
        verdict.Success.Should().BeTrue(verdict.ToString());

        var login = await _alice.LoginWithFaceAsync(session.Id);

        login.GetProperty("success").GetBoolean().Should().BeTrue(login.ToString());
        login.GetProperty("similarity").GetDouble().Should().Be(99);
        Collection.Searches.Should().Be(0, "face login compares 1:1 and never searches the collection");
    }

    /// <summary>
    /// A relying party must tell a face login from a liveness check: the result token of verify says <c>liveness</c>,
    /// the token of a face login says <c>liveness_and_face_match</c> with the similarity; both are redeemable (once).
    /// </summary>
    [Test]
    public async Task ResultTokens_LivenessOnlyAndFaceLogin_SayWhatTheyProve()
    {
        await EnrolAsync(_alice, "alice");
        var livenessOnly = await _alice.StartAsync(_host, type: "nose");
        var verdict = await PlayAsync(_alice, livenessOnly, Genuine(livenessOnly, "nose"), _ => "alice");
        var forLogin = await _alice.StartAsync(_host, type: "pose");
        (await PlayAsync(_alice, forLogin, Genuine(forLogin, "pose"), _ => "alice")).Success.Should().BeTrue();
        var login = await _alice.LoginWithFaceAsync(forLogin.Id);
        login.GetProperty("success").GetBoolean().Should().BeTrue(login.ToString());

        var liveness = await RedeemAsync(_alice, verdict.ResultToken);
        var face = await RedeemAsync(_alice, login.GetProperty("resultToken").GetString());

        liveness.Status.Should().Be(HttpStatusCode.OK, liveness.Body.ToString());
        liveness.Body.GetProperty("proof").GetString().Should().Be("liveness");
        liveness.Body.TryGetProperty("similarity", out _).Should().BeFalse();
        face.Status.Should().Be(HttpStatusCode.OK, face.Body.ToString());
        face.Body.GetProperty("proof").GetString().Should().Be("liveness_and_face_match");
        face.Body.GetProperty("similarity").GetDouble().Should().Be(99);
        Claim(login.GetProperty("resultToken").GetString()!, "proof").Should().Be("liveness_and_face_match", "an offline relying party reads the same claim");
        Claim(verdict.ResultToken!, "proof").Should().Be("liveness");
    }

    /// <summary>
    /// One passed session is one proof: verify called five times returns five tokens with one <c>jti</c> (so a relying
    /// party redeeming <c>jti</c> offline accepts one), the service redeems one, and the session can no longer log in.
    /// </summary>
    [Test]
    public async Task ResultTokens_VerifyCalledFiveTimes_OneRedeemableProof()
    {
        await EnrolAsync(_alice, "alice");
        var session = await _alice.StartAsync(_host, type: "nose");
        var first = await PlayAsync(_alice, session, Genuine(session, "nose"), _ => "alice");
        var tokens = new List<string> { first.ResultToken! };
        for (var i = 0; i < 4; i++)
        {
            tokens.Add((await _alice.VerifyAsync(session.Id, session.Token)).ResultToken!);
        }

        var redemptions = new List<HttpStatusCode>();
        foreach (var token in tokens)
        {
            redemptions.Add((await RedeemAsync(_alice, token)).Status);
        }

        tokens.Select(t => Claim(t, "jti")).Distinct().Should().ContainSingle("every result token of one session names one proof");
        redemptions.Count(s => s == HttpStatusCode.OK).Should().Be(1);
        (await _alice.LoginWithFaceAsync(session.Id)).GetProperty("reason").GetString().Should().Be("session_already_used", "the proof was redeemed");
    }

    /// <summary>
    /// Face login uses the session's liveness proof: afterwards the liveness token of that session is not redeemable,
    /// the face-login token is redeemable once, and both share the session's <c>jti</c>.
    /// </summary>
    [Test]
    public async Task ResultTokens_AfterFaceLogin_OnlyTheFaceLoginTokenRedeemsOnce()
    {
        await EnrolAsync(_alice, "alice");
        var session = await _alice.StartAsync(_host, type: "nose");
        var verdict = await PlayAsync(_alice, session, Genuine(session, "nose"), _ => "alice");
        var login = await _alice.LoginWithFaceAsync(session.Id);
        var loginToken = login.GetProperty("resultToken").GetString()!;

        (await RedeemAsync(_alice, verdict.ResultToken)).Status.Should().Be(HttpStatusCode.Conflict, "face login used the liveness proof");
        (await RedeemAsync(_alice, loginToken)).Status.Should().Be(HttpStatusCode.OK);
        (await RedeemAsync(_alice, loginToken)).Status.Should().Be(HttpStatusCode.Conflict);
        Claim(loginToken, "jti").Should().Be(Claim(verdict.ResultToken!, "jti"));
    }

    /// <summary>
    /// The added cost of the identity check, measured: comparer calls per genuine session at verify (every liveness
    /// frame but the deciding one, against it) and at face login (two). docs/security.md quotes these numbers.
    /// </summary>
    // The every-frame figures (nose 9, pose 2); under the sparse strategy at most these.
    [TestCase("nose", 9)]
    [TestCase("pose", 2)]
    public async Task IdentityCheck_GenuineSession_ComparerCallsAreLivenessFramesMinusOnePlusTwoAtLogin(string type, int expectedAtVerify)
    {
        await EnrolAsync(_alice, "alice");
        var session = await _alice.StartAsync(_host, type: type);
        var before = _host.Script.Comparer.Calls;
        var verdict = await PlayAsync(_alice, session, Genuine(session, type), _ => "alice");
        var atVerify = _host.Script.Comparer.Calls - before;
        (await _alice.LoginWithFaceAsync(session.Id)).GetProperty("success").GetBoolean().Should().BeTrue();
        var atLogin = _host.Script.Comparer.Calls - before - atVerify;

        var attempts = _host.Services.GetRequiredServiceCompat<IAttemptStore>();
        var stored = await attempts.GetFramesAsync(session.Id, CancellationToken.None);
        var decidedAt = (await attempts.GetSessionAsync(session.Id, CancellationToken.None))!.Outcome!.DecidedAtFrame!.Value;
        // With every frame analysed (the default) the check covers the analysed single-face frames up to the deciding
        // frame; a frame the client sent before it heard of the decision may be analysed too, and is not compared
        // (counting it made this test fail now and then: 4 stored frames, 2 calls).
        var liveness = stored.Count(f => f.Sequence <= decidedAt && f.Analysis is { Rejection: null, Faces.Count: 1 });
        TestContext.Out.WriteLine($"{type}: {stored.Count} frames stored, decided at frame {decidedAt}, {liveness} liveness frames, comparer calls: verify {atVerify}, login {atLogin}");
        verdict.Success.Should().BeTrue(verdict.ToString());
        atVerify.Should().Be(liveness - 1).And.BeLessThanOrEqualTo(expectedAtVerify).And.BeGreaterThan(0);
        atLogin.Should().Be(2);
    }

    private TopTenFaceCollection Collection => (TopTenFaceCollection)_host.Services.GetRequiredServiceCompat<IFaceCollection>();

    /// <summary>Alice's look-alikes score 99.5 against her face (above her own reference's 99); other people 5.</summary>
    private static double LookAlikes(string? probe, string? indexed)
        => probe == indexed ? 99 : probe == "alice" && indexed?.StartsWith("alice-look-alike", StringComparison.Ordinal) == true ? 99.5 : 5;

    private static FrameSequence Genuine(Session session, string type)
        => type == "nose" ? NoseSequences.Genuine(session.Nose()) : PoseSequences.Genuine(session.Pose());

    /// <summary>Enrols the signed-in user with a frontal photo of <paramref name="person"/>.</summary>
    private async Task EnrolAsync(HttpClient client, string person)
    {
        var photo = _host.Script.Frame(640, 480, [Face.At(0.3, 0.2, 0.4, 0.5).Build()], person);
        using var content = new ByteArrayContent(photo);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await client.PostAsync($"{SecurityHost.Prefix}/enrolments", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Plays a sequence on server time with the person of each frame from <paramref name="personAt"/>; frame
    /// <paramref name="substituted"/>, when given, is made the most frontal, most confident frame of the session (the one
    /// a "best frame" login would pick).
    /// </summary>
    private Task<Verdict> PlayAsync(HttpClient client, Session session, FrameSequence sequence, Func<int, string> personAt, int? substituted = null)
        => client.PlayAsync(_host, session, sequence, i =>
        {
            var faces = sequence[i].Faces ?? [];
            if (i == substituted)
            {
                faces = faces.Select(Frontal).ToArray();
            }

            return ValueTask.FromResult(_host.Script.Frame(sequence.FrameWidth, sequence.FrameHeight, faces, personAt(i)));
        });

    private static FaceDetails Frontal(FaceDetails face) => new()
    {
        BoundingBox = face.BoundingBox,
        Landmarks = face.Landmarks,
        Pose = default,
        EyesOpen = face.EyesOpen,
        MouthOpen = face.MouthOpen,
        Smile = face.Smile,
        Confidence = 100,
        Quality = face.Quality,
    };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(HttpClient client, string? token)
    {
        var response = await client.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = token }));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string? Claim(string token, string name)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - (payload.Length % 4)) % 4);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return json.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
    }
}
