using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Attacks on enrolment and on the limits, through the HTTP endpoints (issue 12, items 2 and 4): whoever holds a user's
/// sign-in must not be able to enrol or replace the face that logs in as them, enrolments of one user are serialised
/// (also against deletion), and deleting one's data resets no limit. The table in docs/security.md ("Enrolment
/// takeover", "Lockout reset") lists these tests by name.
/// </summary>
public sealed class EnrolmentAttackTests
{
    private const int PhotoSize = 600;

    private SecurityHost _host = null!;
    private HttpClient _alice = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await StartAsync();
        _alice = _host.Client("alice");
    }

    [TearDown]
    public async Task TearDown()
    {
        _alice.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Enrol_GenuinePhotoWithOwnPassedSession_Enrolled()
    {
        var session = await _alice.PassLivenessAsync(_host, "alice");

        var response = await _alice.EnrolAsync(Photo(_host, "alice"), session);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await ReferenceOwnerAsync(_host, "alice")).Should().Be("alice");
    }

    [Test]
    public async Task Enrol_RawPhotoWithoutLiveness_RefusedLivenessRequired()
    {
        // Mallory holds alice's sign-in and posts a photo of his own face: today that alone enrolled it.
        var response = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "mallory"), sessionId: null));

        response.Status.Should().Be(422, response.ToString());
        response.Code.Should().Be("liveness_required", response.ToString());
        (await ReferenceOwnerAsync(_host, "alice")).Should().BeNull();
        Collection(_host).FaceCount("alice").Should().Be(0);
    }

    [Test]
    public async Task Enrol_PhotoOfAnotherPersonThanTheLiveFace_RefusedFaceMismatch()
    {
        // Mallory, in alice's account, proves liveness with his own head but enrols a photo of someone else (or the reverse).
        var session = await _alice.PassLivenessAsync(_host, "mallory");

        var response = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "alice"), session));

        response.Status.Should().Be(422, response.ToString());
        response.Code.Should().Be("face_mismatch", response.ToString());
        (await ReferenceOwnerAsync(_host, "alice")).Should().BeNull();
    }

    [Test]
    public async Task Enrol_SessionHijackerReplacesReference_RefusedStepUpRequiredNothingChanged()
    {
        await EnrolGenuineAsync(_alice, "alice");

        // Mallory holds alice's sign-in: a live session with his own face and a matching photo of himself.
        var session = await _alice.PassLivenessAsync(_host, "mallory");
        var response = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "mallory"), session));

        response.Status.Should().Be(403, response.ToString());
        response.Code.Should().Be("step_up_required", response.ToString());
        (await ReferenceOwnerAsync(_host, "alice")).Should().Be("alice");
        Collection(_host).FaceCount("alice").Should().Be(1);

        // And his face cannot step up with a face login against alice's reference.
        var login = await _alice.FaceLoginAsync(await _alice.PassLivenessAsync(_host, "mallory"));
        login.Reason.Should().Be("face_mismatch", login.ToString());
        var again = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "mallory"), await _alice.PassLivenessAsync(_host, "mallory")));
        again.Code.Should().Be("step_up_required", again.ToString());
        (await ReferenceOwnerAsync(_host, "alice")).Should().Be("alice");
    }

    [Test]
    public async Task Enrol_ReplacementAfterFreshFaceLogin_ReplacedOnceThenStepUpAgain()
    {
        await EnrolGenuineAsync(_alice, "alice");
        var login = await _alice.FaceLoginAsync(await _alice.PassLivenessAsync(_host, "alice"));
        login.Success.Should().BeTrue(login.ToString());

        var replaced = await _alice.EnrolAsync(Photo(_host, "alice"), await _alice.PassLivenessAsync(_host, "alice"));
        replaced.StatusCode.Should().Be(HttpStatusCode.Created, await replaced.Content.ReadAsStringAsync());

        // The step-up is single-use.
        var second = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "alice"), await _alice.PassLivenessAsync(_host, "alice")));
        second.Code.Should().Be("step_up_required", second.ToString());
        Collection(_host).FaceCount("alice").Should().Be(1);
    }

    [Test]
    public async Task Enrol_StepUpOlderThanItsWindow_Refused()
    {
        await EnrolGenuineAsync(_alice, "alice");
        (await _alice.FaceLoginAsync(await _alice.PassLivenessAsync(_host, "alice"))).Success.Should().BeTrue();
        _host.Time.Advance(TimeSpan.FromMinutes(6));

        var response = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "alice"), await _alice.PassLivenessAsync(_host, "alice")));

        response.Code.Should().Be("step_up_required", response.ToString());
    }

    [Test]
    public async Task Enrol_LivenessSessionUsedForLogin_RefusedAndEnrolmentSessionCannotLogIn()
    {
        await EnrolGenuineAsync(_alice, "alice");
        var used = await _alice.PassLivenessAsync(_host, "alice");
        (await _alice.FaceLoginAsync(used)).Success.Should().BeTrue();

        var reused = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "alice"), used));
        reused.Status.Should().Be(409, reused.ToString());
        reused.Code.Should().Be("session_already_used", reused.ToString());

        // The other way round: a session spent on an enrolment is neither a login nor a redeemable result.
        await using var fresh = await StartAsync();
        using var bob = fresh.Client("bob");
        var started = await bob.StartAsync(fresh, type: "nose");
        var verdict = await bob.PlayAsync(fresh, started, NoseSequences.Genuine(started.Nose()), person: "bob");
        verdict.Success.Should().BeTrue(verdict.ToString());
        (await bob.EnrolAsync(Photo(fresh, "bob"), started.Id)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await bob.FaceLoginAsync(started.Id)).Reason.Should().Be("session_already_used");
        var redeem = await SecurityClient.ReadVerdictAsync(await bob.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = verdict.ResultToken })));
        redeem.Code.Should().Be("already_redeemed", redeem.ToString());
    }

    [Test]
    public async Task Enrol_LivenessSessionOfAnotherUser_RefusedSessionNotFound()
    {
        using var mallory = _host.Client("mallory");
        var malloryssession = await mallory.PassLivenessAsync(_host, "mallory");

        var response = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "mallory"), malloryssession));

        response.Status.Should().Be(404, response.ToString());
        response.Code.Should().Be("session_not_found", response.ToString());
        (await ReferenceOwnerAsync(_host, "alice")).Should().BeNull();
    }

    [Test]
    public async Task Enrol_FailedOrUnfinishedSession_RefusedSessionNotPassed()
    {
        var failed = await _alice.StartAsync(_host, type: "nose");
        (await _alice.PlayAsync(_host, failed, NoseSequences.StaticFace(failed.Nose()))).Success.Should().BeFalse();
        var open = await _alice.StartAsync(_host, type: "nose");

        foreach (var id in new[] { failed.Id, open.Id })
        {
            var response = await SecurityClient.ReadVerdictAsync(await _alice.EnrolAsync(Photo(_host, "alice"), id));
            response.Code.Should().Be("session_not_passed", response.ToString());
        }

        (await ReferenceOwnerAsync(_host, "alice")).Should().BeNull();
    }

    [Test]
    public async Task Enrol_TenInParallel_ExactlyOneReference()
    {
        await using var host = await StartAsync(core: o => o.MaxEnrolmentsPerUser = 100, slowPhotos: true);
        using var client = host.Client("alice");
        var sessions = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            sessions.Add(await client.PassLivenessAsync(host, "alice"));
        }

        var responses = await Task.WhenAll(sessions.Select(s => Task.Run(async () => await SecurityClient.ReadVerdictAsync(await client.EnrolAsync(Photo(host, "alice"), s)))));

        responses.Count(r => r.Status == 201).Should().Be(1, string.Join("; ", responses.Select(r => r.ToString())));
        responses.Where(r => r.Status != 201).Select(r => r.Code).Should().OnlyContain(c => c == "enrolment_in_progress" || c == "step_up_required");
        Collection(host).FaceCount("alice").Should().Be(1);
        (await ReferenceOwnerAsync(host, "alice")).Should().Be("alice");
    }

    [Test]
    public async Task Enrol_RacingDeletion_NothingLeftOnceDeletionAnswered()
    {
        var gate = new PhotoGate();
        await using var host = await StartAsync(gate: gate);
        using var client = host.Client("alice");
        var session = await client.PassLivenessAsync(host, "alice");

        // The enrolment is held inside the engine call (photo analysis) while the user deletes their data.
        var enrolment = Task.Run(async () => await client.EnrolAsync(Photo(host, "alice"), session));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var deletion = Task.Run(async () => await client.DeleteAsync($"{SecurityHost.Prefix}/users/alice/biometrics"));
        await Task.Delay(200);
        gate.Release.TrySetResult();

        var deleted = await deletion.WaitAsync(TimeSpan.FromSeconds(60));
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);

        // Once the deletion answered, nothing of the enrolment may remain (nor appear later).
        (await ReferenceOwnerAsync(host, "alice")).Should().BeNull();
        Collection(host).FaceCount("alice").Should().Be(0);
        var enrolled = await enrolment.WaitAsync(TimeSpan.FromSeconds(60));
        (await ReferenceOwnerAsync(host, "alice")).Should().BeNull($"the enrolment answered {(int)enrolled.StatusCode} after the deletion");
        Collection(host).FaceCount("alice").Should().Be(0);
    }

    [Test]
    public async Task Enrol_Flood_LockedOutAfterLimit()
    {
        await using var host = await StartAsync(core: o => o.MaxEnrolmentsPerUser = 3);
        using var client = host.Client("alice");
        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            // Photos of strangers with a session that is not hers: each attempt costs the attacker one of the limit.
            codes.Add((await SecurityClient.ReadVerdictAsync(await client.EnrolAsync(Photo(host, "stranger" + i), "no-such-session"))).Code);
        }

        codes.Take(3).Should().OnlyContain(c => c == "session_not_found");
        codes.Skip(3).Should().OnlyContain(c => c == "locked_out");
    }

    [Test]
    public async Task DeleteOwnData_DoesNotResetTheSessionLockout()
    {
        await using var strict = await SecurityHost.StartAsync();
        using var client = strict.Client("alice");
        for (var i = 0; i < 5; i++)
        {
            await client.StartAsync(strict);
        }

        // Today: delete one's biometrics, and the 5-per-window lockout starts again from zero.
        (await client.DeleteAsync($"{SecurityHost.Prefix}/users/alice/biometrics")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var refused = await SecurityClient.ReadVerdictAsync(await client.PostAsync($"{SecurityHost.Prefix}/challenge", SecurityHost.Json(new { imageWidth = 640, imageHeight = 480 })));
        refused.Code.Should().Be("locked_out", refused.ToString());
    }

    [Test]
    public async Task DeleteOwnData_DoesNotResetTheEnrolmentOrLoginLimits()
    {
        await using var host = await StartAsync(core: o =>
        {
            o.MaxEnrolmentsPerUser = 2;
            o.MaxLoginsPerUser = 2;
        });
        using var client = host.Client("alice");
        for (var i = 0; i < 2; i++)
        {
            await client.EnrolAsync(Photo(host, "alice"), "no-such-session");
            await client.FaceLoginAsync("no-such-session");
        }

        await client.DeleteAsync($"{SecurityHost.Prefix}/users/alice/biometrics");

        (await SecurityClient.ReadVerdictAsync(await client.EnrolAsync(Photo(host, "alice"), "no-such-session"))).Code.Should().Be("locked_out");
        (await client.FaceLoginAsync("no-such-session")).Reason.Should().Be("locked_out");
    }

    [Test]
    public async Task FaceLogin_Flood_LockedOutAfterLimit()
    {
        await using var host = await StartAsync(core: o => o.MaxLoginsPerUser = 4);
        using var client = host.Client("alice");
        var reasons = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            reasons.Add((await client.FaceLoginAsync("guess-" + i)).Reason);
        }

        reasons.Take(4).Should().OnlyContain(r => r == "session_not_found");
        reasons.Skip(4).Should().OnlyContain(r => r == "locked_out");
    }

    [Test]
    public async Task Enrol_ThirtyInParallel_HoldAtMostAQuarterOfTheAnalysisSlotsAndFramesStillPass()
    {
        // 30 users enrol at once while their photos are held inside the engine; frame analysis must keep its slots:
        // at most MaxConcurrentAnalyses / 4 photo analyses run at once, and a genuine session passes meanwhile.
        var gate = new PhotoGate();
        await using var host = await StartAsync(core: o => o.MaxConcurrentAnalyses = 8, gate: gate);
        var users = Enumerable.Range(0, 30).Select(i => "user" + i).ToArray();
        var sessions = new Dictionary<string, string>();
        foreach (var user in users)
        {
            using var c = host.Client(user);
            sessions[user] = await c.PassLivenessAsync(host, user);
        }

        var enrolments = users.Select(user => Task.Run(async () =>
        {
            using var c = host.Client(user);
            return await c.EnrolAsync(Photo(host, user), sessions[user]);
        })).ToArray();
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        using var alice = host.Client("alice");
        var genuine = await alice.StartAsync(host, type: "nose");
        var verdict = await alice.PlayAsync(host, genuine, NoseSequences.Genuine(genuine.Nose())).WaitAsync(TimeSpan.FromSeconds(60));
        gate.Release.TrySetResult();
        var results = await Task.WhenAll(enrolments).WaitAsync(TimeSpan.FromSeconds(60));

        verdict.Success.Should().BeTrue(verdict.ToString());
        gate.MaxConcurrent.Should().BeLessThanOrEqualTo(2, "enrolment may hold at most a quarter of 8 analysis slots");
        results.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
    }

    // ------------------------------------------------------------------ helpers

    private static async Task<SecurityHost> StartAsync(Action<FaceVerificationOptions>? core = null, bool slowPhotos = false, PhotoGate? gate = null)
    {
        SecurityHost? host = null;
        host = await SecurityHost.StartAsync(
            core: o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 1000;
                core?.Invoke(o);
            },
            faceVerification: fv => fv.UseFaceAnalyzer(new PhotoAwareAnalyzer(() => host!, slowPhotos, gate)));
        var collection = Collection(host);

        // Face login compares the probe's person with the user's enrolled person (the user's name in these tests).
        collection.SimilarityFunction = (user, probe) => host.Script.PersonOf(probe) == user ? 99 : 5;
        return host;
    }

    private async Task EnrolGenuineAsync(HttpClient client, string user)
    {
        var response = await client.EnrolAsync(Photo(_host, user), await client.PassLivenessAsync(_host, user));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A reference photo of <paramref name="person"/> (600×600, a size no session here uses, so the analyzer can tell photos from frames).</summary>
    internal static byte[] Photo(SecurityHost host, string person)
        => host.Script.Frame(PhotoSize, PhotoSize, [Face.CenteredAt(0.5, 0.5, 0.3, 0.4).Build()], person);

    private static FakeFaceCollection Collection(SecurityHost host) => (FakeFaceCollection)host.Services.GetRequiredService<IFaceCollection>();

    /// <summary>Whose face the stored reference photo shows, or null when there is none.</summary>
    private static async Task<string?> ReferenceOwnerAsync(SecurityHost host, string user)
    {
        var frames = host.Services.GetRequiredService<IFrameStore>();
        foreach (var format in new[] { ImageFormat.Jpeg, ImageFormat.Png })
        {
            if (await frames.GetAsync(FrameKeys.Enrolment(user, format), CancellationToken.None) is { } bytes)
            {
                return host.Script.PersonOf(new FaceImage(bytes, format, PhotoSize, PhotoSize)) ?? "?";
            }
        }

        return null;
    }

    /// <summary>Holds every photo analysis until released, and counts how many run at once.</summary>
    internal sealed class PhotoGate
    {
        private int _current;
        private int _max;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int MaxConcurrent => Volatile.Read(ref _max);

        public async Task PassAsync()
        {
            var now = Interlocked.Increment(ref _current);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            Entered.TrySetResult();
            try
            {
                await Release.Task;
            }
            finally
            {
                Interlocked.Decrement(ref _current);
            }
        }
    }

    /// <summary>The script's analyzer, with photos (600×600) slowed down or held at a gate.</summary>
    private sealed class PhotoAwareAnalyzer(Func<SecurityHost> host, bool slow, PhotoGate? gate) : IFaceAnalyzer
    {
        public async ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
        {
            var script = host().Script;
            if (TestFrames.ReadVariant(image.Content.Span) is not null && image.Width == PhotoSize && image.Height == PhotoSize)
            {
                if (slow)
                {
                    await Task.Delay(20, cancellationToken);
                }

                if (gate is not null)
                {
                    await gate.PassAsync();
                }
            }

            return await script.Analyzer.AnalyzeAsync(image, cancellationToken);
        }
    }
}

/// <summary>Enrolment and face-login calls against a <see cref="SecurityHost"/>.</summary>
internal static class EnrolmentClient
{
    /// <summary>Runs a genuine nose session showing <paramref name="person"/> and returns its id (passed).</summary>
    public static async Task<string> PassLivenessAsync(this HttpClient client, SecurityHost host, string person)
    {
        var session = await client.StartAsync(host, type: "nose");
        var verdict = await client.PlayAsync(host, session, NoseSequences.Genuine(session.Nose()), person: person);
        verdict.Success.Should().BeTrue(verdict.ToString());
        return session.Id;
    }

    /// <summary>POST /enrolments: the raw photo, the liveness session in its header.</summary>
    public static async Task<HttpResponseMessage> EnrolAsync(this HttpClient client, byte[] photo, string? sessionId, string? approval = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{SecurityHost.Prefix}/enrolments") { Content = new ByteArrayContent(photo) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        if (sessionId is not null)
        {
            request.Headers.Add("X-FaceVerify-Liveness-Session", sessionId);
        }

        if (approval is not null)
        {
            request.Headers.Add("X-FaceVerify-Enrolment-Approval", approval);
        }

        return await client.SendAsync(request);
    }

    /// <summary>POST /login/face; the verdict's Reason is the login's reason.</summary>
    public static async Task<Verdict> FaceLoginAsync(this HttpClient client, string sessionId)
        => await SecurityClient.ReadVerdictAsync(await client.PostAsync($"{SecurityHost.Prefix}/login/face", SecurityHost.Json(new { sessionId })));
}
