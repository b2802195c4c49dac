using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FaceVerify.Aws.Rekognition;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Photo substitution against the real local face engine (tools/local-aws, face-api.js models) with real photos of two
/// people cut from face-api's demo pictures (tools/local-aws/test-support/photo-frames.js): the scripted analyzer plays
/// the challenge geometry (the same sequences as the attack suite), while every identity decision — the identity check
/// at verify, enrolment indexing and face login — runs on the engine through the Rekognition adapter
/// (<see cref="RekognitionFaceComparer"/>, <see cref="RekognitionFaceCollection"/>). Needs <c>npm ci</c> in tools/local-aws.
/// </summary>
[NonParallelizable]
public sealed class PhotoSubstitutionLocalEngineTests
{
    private static readonly Lazy<Task<(string Directory, JsonElement Similarities)>> Photos = new(CutPhotosAsync);

    private SecurityHost _host = null!;
    private HttpClient _alice = null!;
    private string _photos = null!;

    [SetUp]
    public async Task SetUp()
    {
        var stack = await LocalAwsStack.GetAsync("rekognition");
        (_photos, var similarities) = await Photos.Value;
        TestContext.Out.WriteLine($"engine similarity of each frame to its person's reference: {similarities}");
        FrameScript? script = null;
        _host = await SecurityHost.StartAsync(
            core: o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 1000;
                // These tests attack face login; the reference is planted with a raw photo (enrolment rules: EnrolmentAttackTests).
                o.RequireLivenessForEnrolment = false;
            },
            faceVerification: fv => fv
                .UseRekognition(o =>
                {
                    o.ServiceUrl = stack.Rekognition;
                    o.Region = stack.Region;
                    o.AccessKeyId = stack.AccessKeyId;
                    o.SecretAccessKey = stack.SecretAccessKey;
                    o.CollectionId = "fv-sec-" + Guid.NewGuid().ToString("N")[..12];
                })
                .UseFaceAnalyzer(new DeferredAnalyzer(() => script!.Analyzer)));
        script = _host.Script;

        // The Rekognition client signs with the host's clock (SigV4), and the engine refuses stale signatures.
        _host.Time.SetUtcNow(DateTimeOffset.UtcNow);
        await _host.Services.GetRequiredService<RekognitionFaceCollection>().EnsureCollectionAsync();
        _alice = _host.Client("alice");
    }

    [TearDown]
    public async Task TearDown()
    {
        _alice.Dispose();
        await _host.Services.GetRequiredService<RekognitionFaceCollection>().DeleteCollectionAsync();
        await _host.DisposeAsync();
    }

    /// <summary>Control: alice herself passes, and face login compares her frames with her reference photo at ≥ 90.</summary>
    [Test]
    public async Task Nose_GenuineUserWithRealPhotos_PassesAndLogsIn()
    {
        await EnrolAsync("alice");
        var session = await _alice.StartAsync(_host, 480, 480, type: "nose");

        var verdict = await PlayAsync(session, _ => "alice");
        var login = await LoginAsync(session.Id);
        TestContext.Out.WriteLine($"genuine: verify {verdict}; login {login}");

        verdict.Success.Should().BeTrue(verdict.ToString());
        login.GetProperty("success").GetBoolean().Should().BeTrue(login.ToString());
        login.GetProperty("similarity").GetDouble().Should().BeGreaterThanOrEqualTo(90);
    }

    /// <summary>
    /// The attack: mallory's live head (real photos of mallory) performs alice's challenge with one frame of alice's
    /// photo (frame 1, made the most frontal frame). Verify fails <c>identity_mismatch</c>; face login as alice fails.
    /// </summary>
    [Test]
    public async Task Nose_AttackersHeadWithOneFrameOfTheVictimsPhoto_FailsIdentityMismatchNeverLogsIn()
    {
        await EnrolAsync("alice");
        var session = await _alice.StartAsync(_host, 480, 480, type: "nose");

        var verdict = await PlayAsync(session, i => i == 1 ? "alice" : "mallory", substituted: 1);
        var login = await LoginAsync(session.Id);
        TestContext.Out.WriteLine($"attack: verify {verdict}; login {login}");

        login.GetProperty("success").GetBoolean().Should().BeFalse(login.ToString());
        verdict.Reason.Should().Be("identity_mismatch", verdict.ToString());
    }

    private async Task EnrolAsync(string person)
    {
        var photo = _host.Script.Photo(await File.ReadAllBytesAsync(Path.Combine(_photos, $"{person}-reference.jpg")), [Face.At(0.25, 0.25, 0.5, 0.5).Build()], person);
        using var content = new ByteArrayContent(photo);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await _alice.PostAsync($"{SecurityHost.Prefix}/enrolments", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Plays the genuine nose sequence with real photos: frame i shows <paramref name="personAt"/>(i).</summary>
    private async Task<Verdict> PlayAsync(Session session, Func<int, string> personAt, int? substituted = null)
    {
        var sequence = NoseSequences.Genuine(session.Nose());
        for (var i = 0; i < sequence.Count; i++)
        {
            _host.Time.SetUtcNow(session.StartedAt + sequence[i].At);
            var faces = sequence[i].Faces ?? [];
            if (i == substituted)
            {
                faces = faces.Select(f => new FaceDetails { BoundingBox = f.BoundingBox, Landmarks = f.Landmarks, EyesOpen = f.EyesOpen, MouthOpen = f.MouthOpen, Smile = f.Smile, Quality = f.Quality, Confidence = 100 }).ToArray();
            }

            var person = personAt(i);
            var bytes = _host.Script.Photo(await File.ReadAllBytesAsync(Path.Combine(_photos, $"{person}-{i % 12:00}.jpg")), faces, person);
            using var response = await _alice.PutFrameAsync(session.Id, session.Token, bytes);
            if (!response.IsSuccessStatusCode)
            {
                break;
            }
        }

        return await _alice.VerifyAsync(session.Id, session.Token);
    }

    private async Task<JsonElement> LoginAsync(string sessionId)
    {
        var response = await _alice.PostAsync($"{SecurityHost.Prefix}/login/face", SecurityHost.Json(new { sessionId }));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Runs photo-frames.js once per test run (model load and 26 crops: about 30 s on 2 cores).</summary>
    private static async Task<(string Directory, JsonElement Similarities)> CutPhotosAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "faceverify-photo-frames-" + Environment.ProcessId);
        var script = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws", "test-support", "photo-frames.js");
        using var node = Process.Start(new ProcessStartInfo("node", [script, directory, "480"]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        node.ExitCode.Should().Be(0, await error);
        return (directory, JsonDocument.Parse(await output).RootElement.Clone());
    }

    /// <summary>The host's scripted analyzer, resolved when first called (the host registers services before its script exists).</summary>
    private sealed class DeferredAnalyzer(Func<IFaceAnalyzer> analyzer) : IFaceAnalyzer
    {
        public ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken) => analyzer().AnalyzeAsync(image, cancellationToken);
    }
}
