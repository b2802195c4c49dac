using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.AspNetCore.Tests;

public class ChallengeEndpointsTests : ApiTestBase
{
    [Test]
    public async Task Start_ValidRequest_ReturnsSessionInReferenceShape()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":360}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.ReadJsonAsync();
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "token", "type", "params", "expiresAt");
        body.GetProperty("type").GetString().Should().Be(ScriptedChallenge.TypeName);
        body.GetProperty("params").GetProperty("imageWidth").GetInt32().Should().Be(480);
        body.GetProperty("params").GetProperty("imageHeight").GetInt32().Should().Be(360);
        body.GetProperty("expiresAt").GetDateTimeOffset().Should().Be(_factory.Time.GetUtcNow() + TimeSpan.FromMinutes(3));
    }

    [Test]
    public async Task Start_NoSignedInUser_Returns401Problem()
    {
        using var client = _factory.ClientFor(null);

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [TestCase("{")]
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("{}")]
    [TestCase("{\"imageWidth\":480}")]
    [TestCase("{\"imageWidth\":null,\"imageHeight\":480}")]
    [TestCase("{\"imageWidth\":\"480\",\"imageHeight\":480}")]
    [TestCase("{\"imageWidth\":480.5,\"imageHeight\":480}")]
    [TestCase("{\"imageWidth\":1e20,\"imageHeight\":480}")]
    [TestCase("{\"imageWidth\":480,\"imageHeight\":480,\"challengeType\":7}")]
    [TestCase("")]
    public async Task Start_MalformedBody_Returns400InvalidRequest(string json)
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("image/jpeg")]
    public async Task Start_NotJson_Returns415(string contentType)
    {
        using var client = _factory.ClientFor("alice");
        var content = new StringContent("{\"imageWidth\":480,\"imageHeight\":480}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await client.PostAsync("/faceverify/challenge", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task Start_BodyOverJsonLimit_Returns413()
    {
        using var client = _factory.ClientFor("alice");
        var padding = new string(' ', 20_000);

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480}" + padding));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [TestCase(0, 480)]
    [TestCase(-5, 480)]
    [TestCase(480, 100000)]
    public async Task Start_FrameSizeOutOfRange_Returns400InvalidFrameSize(int width, int height)
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json($"{{\"imageWidth\":{width},\"imageHeight\":{height}}}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_frame_size");
    }

    [Test]
    public async Task Start_ClientChoosesTypeWhenServerChooses_Returns400()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480,\"challengeType\":\"scripted\"}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "challenge_type_not_allowed");
    }

    [Test]
    public async Task Start_UnknownChallengeType_Returns400UnknownChallengeType()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.AllowClientChallengeType = true };
        using var client = factory.ClientFor("alice");

        var unknown = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480,\"challengeType\":\"CUSTOM\"}"));
        var known = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480,\"challengeType\":\"SCRIPTED\"}"));

        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown_challenge_type");
        known.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Start_MoreSessionsThanTheUserLimit_Returns429LockedOutWithRetryAfter()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.MaxSessionsPerUser = 2 };
        using var client = factory.ClientFor("alice");
        await client.StartAsync();
        await client.StartAsync();

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "locked_out");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        using var bob = factory.ClientFor("bob");
        (await bob.PostAsync("/faceverify/challenge", ApiClient.Json("{\"imageWidth\":480,\"imageHeight\":480}"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task PutFrame_RawJpegWithBearerToken_Returns200WithSequence()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var first = await client.PutRawFrameAsync(session, 1);
        var second = await client.PutRawFrameAsync(session, 2);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await second.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Frame saved successfully");
        body.GetProperty("sequence").GetInt32().Should().Be(1);
        (await first.ReadJsonAsync()).GetProperty("sequence").GetInt32().Should().Be(0);
    }

    [Test]
    public async Task PutFrame_RawPngWithSessionTokenHeader_Returns200()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/faceverify/challenge/{session.Id}/frame")
        {
            Content = ApiClient.Image(TestFrames.Png(480, 480, 3), "image/png"),
        };
        request.Headers.Add(FaceVerificationHeaders.SessionToken, session.Token);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task PutFrame_ReferenceJsonShape_Returns200AndIgnoresTimestamp()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        var json = JsonSerializer.Serialize(new { token = session.Token, timestamp = 1, frameBase64 = Convert.ToBase64String(TestFrames.Jpeg(480, 480, 5)) });
        var stringTimestamp = JsonSerializer.Serialize(new { token = session.Token, timestamp = "not a number", frameBase64 = Convert.ToBase64String(TestFrames.Jpeg(480, 480, 6)) });

        var response = await client.PutAsync($"/faceverify/challenge/{session.Id}/frame", ApiClient.Json(json));
        var second = await client.PutAsync($"/faceverify/challenge/{session.Id}/frame", ApiClient.Json(stringTimestamp));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await _factory.Services.GetRequiredServiceForTest<IAttemptStore>().GetFramesAsync(session.Id, CancellationToken.None);
        stored.Should().OnlyContain(f => f.ReceivedAt == _factory.Time.GetUtcNow());
    }

    [Test]
    public async Task PutFrame_DataUrlPrefix_Returns400()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        var json = JsonSerializer.Serialize(new { token = session.Token, frameBase64 = "data:image/jpeg;base64," + Convert.ToBase64String(TestFrames.Jpeg(480, 480, 5)) });

        var response = await client.PutAsync($"/faceverify/challenge/{session.Id}/frame", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [TestCase("{\"token\":\"x\"}")]
    [TestCase("{\"token\":5,\"frameBase64\":\"AAAA\"}")]
    [TestCase("{\"token\":\"x\",\"frameBase64\":null}")]
    [TestCase("not json")]
    public async Task PutFrame_MalformedJson_Returns400(string json)
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var response = await client.PutAsync($"/faceverify/challenge/{session.Id}/frame", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task PutFrame_WrongToken_Returns401InvalidToken()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var response = await client.PutRawFrameAsync(session, 1, token: session.Token[..^4] + "AAAA");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Test]
    public async Task PutFrame_AnotherSessionsToken_Returns401InvalidToken()
    {
        using var client = _factory.ClientFor("alice");
        var mine = await client.StartAsync();
        var other = await client.StartAsync();

        var response = await client.PutRawFrameAsync(mine, 1, token: other.Token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Test]
    public async Task PutFrameAndVerify_AnotherSignedInUserWithAStolenSessionToken_Return401InvalidToken()
    {
        using var alice = _factory.ClientFor("alice");
        using var mallory = _factory.ClientFor("mallory");
        var session = await alice.StartAsync();

        var frame = await mallory.PutRawFrameAsync(session, 1);
        var verify = await mallory.VerifyAsync(session);

        (await frame.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token")).GetProperty("detail").GetString().Should().Contain("another user");
        await verify.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        (await alice.PutRawFrameAsync(session, 1)).StatusCode.Should().Be(HttpStatusCode.OK, "the owner is not affected");
    }

    [Test]
    public async Task PutFrame_NoToken_Returns401InvalidToken()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var response = await client.PutAsync($"/faceverify/challenge/{session.Id}/frame", ApiClient.Image(TestFrames.Jpeg(480, 480, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Test]
    public async Task PutFrame_WrongImageSize_Returns422()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync(480, 480);

        var response = await client.PutRawFrameAsync(session with { Width = 640 }, 1);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "frame_wrong_dimensions");
        problem.GetProperty("detail").GetString().Should().Contain("640x480").And.Contain("480x480");
    }

    [Test]
    public async Task PutFrame_NotAnImage_Returns422()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/faceverify/challenge/{session.Id}/frame") { Content = ApiClient.Image("XXXXXXJFIF not really"u8.ToArray()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);

        var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "frame_unsupported_format");
    }

    [Test]
    public async Task PutFrame_RawBodyOverFrameLimit_Returns413()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.MaxFrameBytes = 2048 };
        using var client = factory.ClientFor("alice");
        var session = await client.StartAsync();
        var big = TestFrames.Jpeg(480, 480, 1).Concat(new byte[4096]).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/faceverify/challenge/{session.Id}/frame") { Content = ApiClient.Image(big) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);

        var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "frame_too_large");
    }

    [Test]
    public async Task PutFrame_JsonFrameOverFrameLimit_Returns413()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.MaxFrameBytes = 2048 };
        using var client = factory.ClientFor("alice");
        var session = await client.StartAsync();
        var big = TestFrames.Jpeg(480, 480, 1).Concat(new byte[3000]).ToArray();
        var json = JsonSerializer.Serialize(new { token = session.Token, frameBase64 = Convert.ToBase64String(big) });

        var response = await client.PutAsync($"/faceverify/challenge/{session.Id}/frame", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "frame_too_large");
    }

    [TestCase("text/plain")]
    [TestCase("image/gif")]
    [TestCase("application/octet-stream")]
    public async Task PutFrame_UnsupportedContentType_Returns415(string contentType)
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/faceverify/challenge/{session.Id}/frame") { Content = ApiClient.Image(TestFrames.Jpeg(480, 480, 1), contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);

        var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task PutFrame_SameFrameTwice_Returns409Duplicate()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        await client.PutRawFrameAsync(session, 7);

        var response = await client.PutRawFrameAsync(session, 7);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate_frame");
    }

    [Test]
    public async Task PutFrame_MoreThanTheSessionLimit_Returns409TooManyFrames()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.MaxFramesPerSession = 2 };
        using var client = factory.ClientFor("alice");
        var session = await client.StartAsync();
        (await client.PutRawFrameAsync(session, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PutRawFrameAsync(session, 2)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await client.PutRawFrameAsync(session, 3);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "too_many_frames");
    }

    [Test]
    public async Task PutFrame_AfterTheChallengeWasDecided_Returns409SessionClosed()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartWithPassingFramesAsync();

        await client.VerifyAsync(session);
        var response = await client.PutRawFrameAsync(session, 4);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "session_closed");
    }

    [Test]
    public async Task PutFrame_AfterVerify_Returns409SessionClosed()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        await client.PutRawFrameAsync(session, 1);
        await client.VerifyAsync(session);

        var response = await client.PutRawFrameAsync(session, 2);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "session_closed");
    }

    [Test]
    public async Task Verify_ThreeFramesWithAFace_PassesWithResultToken()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            (await client.PutRawFrameAsync(session, i)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var response = await client.VerifyAsync(session);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("success").GetBoolean().Should().BeTrue();
        body.GetProperty("outcome").GetString().Should().Be("passed");
        body.GetProperty("reason").GetString().Should().Be("passed");
        body.GetProperty("decidedAtFrame").GetInt32().Should().Be(2);
        body.GetProperty("resultToken").GetString().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Verify_FrameWithoutFace_FailsWithReason()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        await client.PutRawFrameAsync(session, 1);
        await client.PutRawFrameAsync(session, TestAnalyzer.NoFace);

        var body = await (await client.VerifyAsync(session)).ReadJsonAsync();

        body.GetProperty("success").GetBoolean().Should().BeFalse();
        body.GetProperty("outcome").GetString().Should().Be("failed");
        body.GetProperty("reason").GetString().Should().Be("face_not_found");
        body.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Verify_NoFrames_FailsWithNoFramesInsteadOf500()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var body = await (await client.VerifyAsync(session)).ReadJsonAsync();

        body.GetProperty("outcome").GetString().Should().Be("failed");
        body.GetProperty("reason").GetString().Should().Be("no_frames");
    }

    [Test]
    public async Task Verify_CalledTwice_ReturnsTheStoredOutcomeWithoutAnalysingAgain()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartWithPassingFramesAsync();

        var first = await (await client.VerifyAsync(session)).ReadJsonAsync();
        var calls = _factory.Analyzer.Calls;
        var second = await (await client.VerifyAsync(session)).ReadJsonAsync();

        second.GetProperty("outcome").GetString().Should().Be(first.GetProperty("outcome").GetString()).And.Be("passed");
        second.GetProperty("decidedAtFrame").GetInt32().Should().Be(first.GetProperty("decidedAtFrame").GetInt32());
        _factory.Analyzer.Calls.Should().Be(calls);
    }

    [Test]
    public async Task Verify_AfterTheSessionExpired_ReturnsExpired()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        await client.PutRawFrameAsync(session, 1);
        _factory.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var body = await (await client.VerifyAsync(session)).ReadJsonAsync();

        body.GetProperty("success").GetBoolean().Should().BeFalse();
        body.GetProperty("outcome").GetString().Should().Be("expired");
        body.GetProperty("reason").GetString().Should().Be("session_expired");
    }

    [Test]
    public async Task Verify_BearerTokenAndNoBody_Works()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/faceverify/challenge/{session.Id}/verify");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("outcome").GetString().Should().Be("failed");
    }

    [Test]
    public async Task Verify_WrongToken_Returns401()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();
        var other = await client.StartAsync();

        var response = await client.VerifyAsync(session, other.Token);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [TestCase("{}")]
    [TestCase("{\"token\":42}")]
    [TestCase("{\"token\":")]
    public async Task Verify_MalformedBody_Returns400(string json)
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var response = await client.PostAsync($"/faceverify/challenge/{session.Id}/verify", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task Verify_TextBody_Returns415()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var response = await client.PostAsync($"/faceverify/challenge/{session.Id}/verify", new StringContent(session.Token));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}
