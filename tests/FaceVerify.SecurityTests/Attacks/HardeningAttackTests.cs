using System.Net;
using System.Net.Http.Headers;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Attacks on the HTTP surface itself (issue 12, items 5 and 9), through the endpoints: hostile images (pixel bombs,
/// several frame headers, EXIF rotation, polyglots), duplicate JSON properties, and caching of token responses. Each
/// is listed in docs/security.md ("Attack suite").
/// </summary>
public sealed class HardeningAttackTests
{
    private SecurityHost _host = null!;
    private HttpClient _alice = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await SecurityHost.StartAsync(core: o =>
        {
            o.MaxSessionsPerUser = 1000;
            // These tests attack the image checks, which run before the enrolment rules (liveness: EnrolmentAttackTests);
            // with the rule off an accepted photo reaches the analyzer, which is what the orientation test observes.
            o.RequireLivenessForEnrolment = false;
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
    public async Task Enrol_PngPixelBomb_RefusedFromItsHeaderBeforeAnalysis()
    {
        // 16383 x 16383 16-bit RGB: 1.6 GB once decoded, a few hundred bytes here (2 MB as a real, decodable file).
        var bomb = HostileImages.PngBombHeader(16383, 16383);

        var verdict = await EnrolAsync(bomb, "image/png");

        verdict.Code.Should().Be("invalid_image", verdict.ToString());
        verdict.Detail.Should().Contain("268402689 pixels");
        _host.Script.Analyzer.Calls.Should().Be(0, "the photo never reaches the analyzer");
    }

    [Test]
    public async Task Frame_PixelBombHeader_RefusedAsTooManyPixels()
    {
        var session = await _alice.StartAsync(_host);

        var verdict = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, HostileImages.PngBombHeader(16383, 16383), "image/png"));

        verdict.Code.Should().Be("frame_too_many_pixels", verdict.ToString());
    }

    [Test]
    public async Task Frame_JpegWithSecondFrameHeader_RefusedAtUpload()
    {
        // The first SOF says 640x480 (the session's size); a decoder fails on the second one (or reads a bomb's size).
        var session = await _alice.StartAsync(_host);
        var frame = HostileImages.JpegWithSecondFrameHeader(_host.Script.Frame(640, 480, []), 16383, 16383);

        var verdict = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, frame));

        verdict.Code.Should().Be("frame_corrupt", verdict.ToString());
        _host.Script.Analyzer.Calls.Should().Be(0);
    }

    [TestCase(6)]
    [TestCase(8)]
    public async Task Frame_RotatedByExifOrientation_RefusedAtUpload(int orientation)
    {
        // 640x480 as stored; Rekognition (and the local engine) would rotate it to 480x640 before analysis, so the
        // challenge's geometry (target boxes, landmarks as ratios) would be read in the wrong frame.
        var session = await _alice.StartAsync(_host);
        var frame = HostileImages.JpegWithOrientation(_host.Script.Frame(640, 480, []), (ushort)orientation);

        var verdict = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, frame));

        verdict.Code.Should().Be("frame_orientation", verdict.ToString());
    }

    [Test]
    public async Task Frame_UprightExifOrientation_IsAccepted()
    {
        var session = await _alice.StartAsync(_host);
        var frame = HostileImages.JpegWithOrientation(_host.Script.Frame(640, 480, []), 1);

        using var response = await _alice.PutFrameAsync(session.Id, session.Token, frame);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Enrol_PhotoWithExifOrientation_IsAnalysedAsRekognitionWouldRotateIt()
    {
        // Enrolment photos keep their orientation (phone photos carry one): the analyzer (Rekognition, the local
        // engine) applies it. Only the stored size matters here, and it is checked rotation-independently.
        var photo = HostileImages.JpegWithOrientation(_host.Script.Frame(640, 480, []), 6);

        await EnrolAsync(photo, "image/jpeg");

        _host.Script.Analyzer.Calls.Should().Be(1, "the rotated photo reached the analyzer");
    }

    [Test]
    public async Task Frame_JpegPolyglotWithHtmlAfterItsEnd_RefusedAtUpload()
    {
        var session = await _alice.StartAsync(_host);
        var polyglot = HostileImages.JpegPolyglot(_host.Script.Frame(640, 480, []), "<html><script>fetch('/steal')</script></html>");

        var verdict = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, polyglot));

        verdict.Code.Should().Be("frame_corrupt", verdict.ToString());
        _host.Script.Analyzer.Calls.Should().Be(0, "nothing was stored or analysed");
    }

    [Test]
    public async Task Frame_PngPolyglotWithZipAfterIend_RefusedAtUpload()
    {
        var session = await _alice.StartAsync(_host);
        var polyglot = HostileImages.PngPolyglot(TestFrames.Png(640, 480, 99), "PK\u0003\u0004 payload");

        var verdict = await SecurityClient.ReadVerdictAsync(await _alice.PutFrameAsync(session.Id, session.Token, polyglot, "image/png"));

        verdict.Code.Should().Be("frame_corrupt", verdict.ToString());
    }

    [Test]
    public async Task Enrol_JpegPolyglot_RefusedBeforeAnalysis()
    {
        var polyglot = HostileImages.JpegPolyglot(_host.Script.Frame(640, 480, []), "<svg onload=alert(1)>");

        var verdict = await EnrolAsync(polyglot, "image/jpeg");

        verdict.Code.Should().Be("invalid_image", verdict.ToString());
        _host.Script.Analyzer.Calls.Should().Be(0);
    }

    [Test]
    public async Task Start_DuplicateJsonProperty_RefusedAndNoSessionStarted()
    {
        // A proxy or WAF that checks the first "imageWidth" and an API that keeps the last would see different requests.
        using var response = await _alice.PostAsync($"{SecurityHost.Prefix}/challenge", SecurityHost.Json("""{"imageWidth":640,"imageHeight":480,"imageWidth":4000}"""));
        var verdict = await SecurityClient.ReadVerdictAsync(response);

        verdict.Status.Should().Be(400);
        verdict.Code.Should().Be("duplicate_json_property", verdict.ToString());
    }

    [Test]
    public async Task Verify_DuplicateTokenProperty_Refused()
    {
        var session = await _alice.StartAsync(_host);

        using var response = await _alice.PostAsync($"{SecurityHost.Prefix}/challenge/{session.Id}/verify", SecurityHost.Json($$"""{"token":"forged","token":"{{session.Token}}"}"""));
        var verdict = await SecurityClient.ReadVerdictAsync(response);

        verdict.Code.Should().Be("duplicate_json_property", verdict.ToString());
    }

    [Test]
    public async Task Frame_JsonBodyWithDuplicateFrame_Refused()
    {
        var session = await _alice.StartAsync(_host);
        var first = Convert.ToBase64String(_host.Script.Frame(640, 480, []));
        var second = Convert.ToBase64String(_host.Script.Frame(640, 480, []));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{SecurityHost.Prefix}/challenge/{session.Id}/frame")
        {
            Content = SecurityHost.Json($$"""{"token":"{{session.Token}}","frameBase64":"{{first}}","frameBase64":"{{second}}"}"""),
        };

        var verdict = await SecurityClient.ReadVerdictAsync(await _alice.SendAsync(request));

        verdict.Code.Should().Be("duplicate_json_property", verdict.ToString());
    }

    [Test]
    public async Task Responses_CarryingTokens_AreNotStoredByCaches()
    {
        using var start = await _alice.PostAsync($"{SecurityHost.Prefix}/challenge", SecurityHost.Json(new { imageWidth = 640, imageHeight = 480 }));
        var session = await SecurityClient.ReadVerdictAsync(start);
        start.StatusCode.Should().Be(HttpStatusCode.OK, session.ToString());
        var json = System.Text.Json.JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        using var verify = await _alice.PostAsync($"{SecurityHost.Prefix}/challenge/{json.GetProperty("id").GetString()}/verify", SecurityHost.Json(new { token = json.GetProperty("token").GetString() }));
        using var refused = await _alice.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { token = "x" }));

        foreach (var response in new[] { start, verify, refused })
        {
            response.Headers.CacheControl.Should().NotBeNull(response.RequestMessage!.RequestUri!.ToString());
            response.Headers.CacheControl!.NoStore.Should().BeTrue(response.RequestMessage!.RequestUri!.ToString());
        }
    }

    private async Task<Verdict> EnrolAsync(byte[] photo, string contentType)
    {
        var content = new ByteArrayContent(photo);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _alice.PostAsync($"{SecurityHost.Prefix}/enrolments", content);
        return await SecurityClient.ReadVerdictAsync(response);
    }
}
