using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FaceVerify.Aws.Rekognition;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Photo substitution against the real local face engine (tools/local-aws, face-api.js models) with real photos of two
/// people cut from face-api's demo pictures (tools/local-aws/test-support/photo-frames.js): the scripted analyzer plays
/// the challenge geometry (the same sequences as the attack suite), while every identity decision — the identity check
/// at verify, enrolment indexing and face login — runs on the engine through the Rekognition adapter
/// (<see cref="RekognitionFaceComparer"/>, <see cref="RekognitionFaceCollection"/>). Needs <c>npm ci</c> in tools/local-aws.
/// Run under both analysis strategies: the promise must not depend on which frames were analysed.
/// </summary>
[NonParallelizable]
[TestFixture(FrameAnalysisStrategy.Sparse)]
[TestFixture(FrameAnalysisStrategy.EveryFrame)]
public sealed class PhotoSubstitutionLocalEngineTests(FrameAnalysisStrategy strategy)
{
    private static readonly Lazy<Task<(string Directory, JsonElement Similarities)>> Photos = new(CutPhotosAsync);

    /// <summary>The images compared (source, target: verify's identity check and face login), recorded by a decorator around the engine's comparer.</summary>
    private readonly List<(FaceImage Source, FaceImage Target)> _compared = [];

    /// <summary>The images the analyzer was given.</summary>
    private readonly List<FaceImage> _analysed = [];

    /// <summary>The bytes uploaded as the substituted frame.</summary>
    private byte[]? _substitutedBytes;

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
                o.AnalysisStrategy = strategy;
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
                .UseFaceAnalyzer(new DeferredAnalyzer(() => script!.Analyzer, _analysed)),
            services: s => s.Replace(ServiceDescriptor.Singleton<IFaceComparer>(sp => new RecordingComparer(sp.GetRequiredService<RekognitionFaceComparer>(), _compared))));
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
        var login = await _alice.LoginWithFaceAsync(session.Id);
        TestContext.Out.WriteLine($"genuine: verify {verdict}; login {login}");

        verdict.Success.Should().BeTrue(verdict.ToString());
        login.GetProperty("success").GetBoolean().Should().BeTrue(login.ToString());
        login.GetProperty("similarity").GetDouble().Should().BeGreaterThanOrEqualTo(90);
    }

    /// <summary>
    /// The attack: mallory's live head (real photos of mallory) performs alice's challenge with one frame of alice's
    /// photo (frame 1, made the most frontal frame). The promise (docs/security.md, "Sparse analysis and substituted
    /// frames"): face login as alice never succeeds, and a frame nothing analysed influences no result. Verify either
    /// fails <c>identity_mismatch</c> (the substituted frame was analysed: always with every frame analysed, with the
    /// sparse strategy when an audit drew it) or passes as what it is, mallory's own live session: then the substituted
    /// frame was never analysed, and every frame face login compared is mallory's.
    /// </summary>
    [Test]
    public async Task Nose_AttackersHeadWithOneFrameOfTheVictimsPhoto_FailsIdentityMismatchNeverLogsIn()
    {
        await EnrolAsync("alice");
        var session = await _alice.StartAsync(_host, 480, 480, type: "nose");

        _compared.Clear();
        var verdict = await PlayAsync(session, i => i == 1 ? "alice" : "mallory", substituted: 1);
        var frames = await _host.Services.GetRequiredService<IAttemptStore>().GetFramesAsync(session.Id, CancellationToken.None);
        var substitutedAnalysed = frames.Single(f => f.Sequence == 1).Analysis is not null;
        var verifyComparisons = _compared.Count;
        var login = await _alice.LoginWithFaceAsync(session.Id);
        var probes = _compared.Skip(verifyComparisons).Select(c => _host.Script.PersonOf(c.Source)).ToArray();
        TestContext.Out.WriteLine($"attack ({strategy}): verify {verdict}; substituted frame analysed: {substitutedAnalysed}; login {login}; login probes: {string.Join(",", probes)}");

        login.GetProperty("success").GetBoolean().Should().BeFalse(login.ToString());
        if (substitutedAnalysed || strategy == FrameAnalysisStrategy.EveryFrame)
        {
            verdict.Reason.Should().Be("identity_mismatch", verdict.ToString());
            return;
        }

        // Not analysed: the session is mallory's own live session, and nothing downstream reads the substituted frame —
        // no analysis, no identity comparison at verify, no face-login probe (the login result comes from mallory's frames).
        verdict.Success.Should().BeTrue(verdict.ToString());
        lock (_analysed)
        {
            _analysed.Count(IsSubstituted).Should().Be(0, "the substituted frame was never analysed");
        }

        _compared.Count(c => IsSubstituted(c.Source) || IsSubstituted(c.Target)).Should().Be(0, "no comparison, at verify or at face login, read the substituted frame");
        probes.Should().NotBeEmpty("face login compared a probe with the reference").And.OnlyContain(p => p == "mallory", "a login probe is a frame verify analysed and bound to the deciding frame's person");
        login.GetProperty("reason").GetString().Should().Be("face_mismatch", login.ToString());
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
    private Task<Verdict> PlayAsync(Session session, Func<int, string> personAt, int? substituted = null)
    {
        var sequence = NoseSequences.Genuine(session.Nose());
        return _alice.PlayAsync(_host, session, sequence, async i =>
        {
            var faces = sequence[i].Faces ?? [];
            if (i == substituted)
            {
                faces = faces.Select(f => new FaceDetails { BoundingBox = f.BoundingBox, Landmarks = f.Landmarks, EyesOpen = f.EyesOpen, MouthOpen = f.MouthOpen, Smile = f.Smile, Quality = f.Quality, Confidence = 100 }).ToArray();
            }

            var person = personAt(i);
            var bytes = _host.Script.Photo(await File.ReadAllBytesAsync(Path.Combine(_photos, $"{person}-{i % 12:00}.jpg")), faces, person);
            if (i == substituted)
            {
                _substitutedBytes = bytes;
            }

            return bytes;
        });
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

    private bool IsSubstituted(FaceImage image) => _substitutedBytes is { } bytes && image.Content.Span.SequenceEqual(bytes);

    /// <summary>Records every comparison (face login's probes against the reference), then asks the engine.</summary>
    private sealed class RecordingComparer(IFaceComparer inner, List<(FaceImage Source, FaceImage Target)> compared) : IFaceComparer
    {
        public ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken)
        {
            lock (compared)
            {
                compared.Add((source, target));
            }

            return inner.CompareAsync(source, target, cancellationToken);
        }
    }

    /// <summary>The host's scripted analyzer, resolved when first called (the host registers services before its script exists).</summary>
    private sealed class DeferredAnalyzer(Func<IFaceAnalyzer> analyzer, List<FaceImage> analysed) : IFaceAnalyzer
    {
        public ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
        {
            lock (analysed)
            {
                analysed.Add(image);
            }

            return analyzer().AnalyzeAsync(image, cancellationToken);
        }
    }
}
