using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>
/// <see cref="FaceVerificationEndpointOptions.ReferenceCompatibleResponses"/>: the reference Liveness Detection Framework's
/// web client's request sequence (routes and bodies from reference/liveness-framework-spec.md §1 and §9, replayed as
/// its APIUtils.ts sends them: a Cognito bearer token on every call, JSON bodies, base64 frames with a client
/// timestamp) gets the reference's exact response shapes, while FaceVerify's checks still hold.
/// </summary>
public class ReferenceShapesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private const string CognitoIdToken = "eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJhZGEifQ.c2ln";

    private static FaceVerifyApiFactory CreateFactory(bool compatible = true) => new()
    {
        ConfigureCore = o => o.AllowClientChallengeType = true,
        ConfigureEndpoints = o => o.ReferenceCompatibleResponses = compatible,
        ConfigureServices = services => services.AddFaceVerification().AddChallenge<NoseTargetChallenge>(),
    };

    private static HttpClient ReferenceClient(FaceVerifyApiFactory factory, string user = "ada")
    {
        var client = factory.ClientFor(user);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CognitoIdToken);
        return client;
    }

    [Test]
    public async Task ReferenceClientSequence_GenuineNoseSession_GetsTheReferenceShapesAndPasses()
    {
        using var factory = CreateFactory();
        using var client = ReferenceClient(factory);

        // 1. LivenessDetection → APIUtils.createChallenge: {imageWidth, imageHeight, challengeType: "NOSE"}.
        var created = await client.PostAsync("/faceverify/challenge", ApiClient.Json("""{"imageWidth":480,"imageHeight":480,"challengeType":"NOSE"}"""));
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        var challenge = await created.ReadJsonAsync();
        Names(challenge).Should().Equal("id", "token", "type", "params");
        challenge.GetProperty("type").GetString().Should().Be("NOSE");
        var parameters = challenge.GetProperty("params");
        Names(parameters).Should().Equal("imageWidth", "imageHeight", "areaLeft", "areaTop", "areaWidth", "areaHeight", "minFaceAreaPercent", "noseLeft", "noseTop", "noseWidth", "noseHeight");
        (parameters.GetProperty("areaLeft").GetInt32(), parameters.GetProperty("areaTop").GetInt32(), parameters.GetProperty("areaWidth").GetInt32(), parameters.GetProperty("areaHeight").GetInt32())
            .Should().Be((105, 60, 270, 360), "the reference's area box for 480×480 (spec §2.1)");
        var id = challenge.GetProperty("id").GetString()!;
        var token = challenge.GetProperty("token").GetString()!;

        // 2. NoseChallengeProcessor uploads frames: {token, timestamp: Date.now(), frameBase64}.
        var nose = parameters.Deserialize<NoseChallengeParameters>(Web)!;
        var frames = NoseSequences.Genuine(nose);
        factory.Analyzer.Play(frames);
        var jpegs = frames.ToJpegFrames();
        var timestamp = 1_700_000_000_000L;
        foreach (var jpeg in jpegs)
        {
            var put = await client.PutAsync($"/faceverify/challenge/{id}/frame", ApiClient.Json(JsonSerializer.Serialize(new { token, timestamp, frameBase64 = Convert.ToBase64String(jpeg) })));
            (await put.Content.ReadAsStringAsync()).Should().Be("""{"message":"Frame saved successfully"}""");
            put.StatusCode.Should().Be(HttpStatusCode.OK);
            factory.Time.Advance(frames.Interval);
            timestamp += 200;
        }

        // 3. verifyChallenge: {token} → {"success": true}.
        var verified = await client.PostAsync($"/faceverify/challenge/{id}/verify", ApiClient.Json(JsonSerializer.Serialize(new { token })));
        verified.StatusCode.Should().Be(HttpStatusCode.OK);
        (await verified.Content.ReadAsStringAsync()).Should().Be("""{"success":true}""");
    }

    [Test]
    public async Task ReferenceClientSequence_StillPhoto_VerifiesAsSuccessFalse()
    {
        using var factory = CreateFactory();
        using var client = ReferenceClient(factory);
        var challenge = await (await client.PostAsync("/faceverify/challenge", ApiClient.Json("""{"imageWidth":480,"imageHeight":480,"challengeType":"NOSE"}"""))).ReadJsonAsync();
        var id = challenge.GetProperty("id").GetString()!;
        var token = challenge.GetProperty("token").GetString()!;
        var nose = challenge.GetProperty("params").Deserialize<NoseChallengeParameters>(Web)!;
        var frames = NoseSequences.RigidPhoto(nose);
        factory.Analyzer.Play(frames);
        foreach (var jpeg in frames.ToJpegFrames())
        {
            await client.PutAsync($"/faceverify/challenge/{id}/frame", ApiClient.Json(JsonSerializer.Serialize(new { token, timestamp = 1, frameBase64 = Convert.ToBase64String(jpeg) })));
            factory.Time.Advance(frames.Interval);
        }

        var verified = await client.PostAsync($"/faceverify/challenge/{id}/verify", ApiClient.Json(JsonSerializer.Serialize(new { token })));

        (await verified.Content.ReadAsStringAsync()).Should().Be("""{"success":false}""");
    }

    [TestCase("""{"imageHeight":480}""", "Missing imageWidth and imageHeight")]
    [TestCase("""{"imageWidth":"480x","imageHeight":480}""", "Invalid imageWidth")]
    [TestCase("""{"imageWidth":480,"imageHeight":"abc"}""", "Invalid imageHeight")]
    public async Task CreateChallenge_BadSize_AnswersTheReferenceBadRequestBody(string body, string message)
    {
        using var factory = CreateFactory();
        using var client = ReferenceClient(factory);

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Be($$"""{"Code":"BadRequestError","Message":"{{message}}"}""");
    }

    [Test]
    public async Task PutFrame_DataUrlPrefix_AnswersInvalidImage()
    {
        using var factory = CreateFactory();
        using var client = ReferenceClient(factory);
        var (id, token) = await StartAsync(client);

        var response = await client.PutAsync($"/faceverify/challenge/{id}/frame", ApiClient.Json(JsonSerializer.Serialize(new { token, timestamp = 1, frameBase64 = "data:image/jpeg;base64,AAAA" })));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"Code":"BadRequestError","Message":"Invalid Image"}""");
    }

    [Test]
    public async Task PutFrameAndVerify_TamperedOrOtherSessionsToken_AnswerTheReferenceUnauthorizedBody()
    {
        using var factory = CreateFactory();
        using var client = ReferenceClient(factory);
        var (id, token) = await StartAsync(client);
        var (_, otherToken) = await StartAsync(client);
        var frame = Convert.ToBase64String(TestFrames.Jpeg(480, 480, 1));

        var tampered = await client.PutAsync($"/faceverify/challenge/{id}/frame", ApiClient.Json(JsonSerializer.Serialize(new { token = token[..^2] + "xx", timestamp = 1, frameBase64 = frame })));
        var other = await client.PostAsync($"/faceverify/challenge/{id}/verify", ApiClient.Json(JsonSerializer.Serialize(new { token = otherToken })));

        foreach (var response in new[] { tampered, other })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.Content.ReadAsStringAsync()).Should().Be("""{"Code":"UnauthorizedError","Message":""}""");
        }
    }

    [Test]
    public async Task CreateChallenge_NobodySignedIn_AnswersTheGatewayUnauthorizedBody()
    {
        using var factory = CreateFactory();
        using var client = factory.ClientFor(user: null);

        var response = await client.PostAsync("/faceverify/challenge", ApiClient.Json("""{"imageWidth":480,"imageHeight":480}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Unauthorized"}""");
    }

    [Test]
    public async Task Attack_FramesUploadedAfterVerify_AreRefusedAlthoughTheReferenceAcceptedThem()
    {
        // The reference accepted frames and re-verification after a verify (spec §8.2). The compatible shapes must not
        // bring that back: the session is closed, and a second verify returns the stored outcome.
        using var factory = CreateFactory();
        using var client = ReferenceClient(factory);
        var (id, token) = await StartAsync(client);
        (await client.PostAsync($"/faceverify/challenge/{id}/verify", ApiClient.Json(JsonSerializer.Serialize(new { token })))).StatusCode.Should().Be(HttpStatusCode.OK);

        var late = await client.PutAsync($"/faceverify/challenge/{id}/frame", ApiClient.Json(JsonSerializer.Serialize(new { token, timestamp = 1, frameBase64 = Convert.ToBase64String(TestFrames.Jpeg(480, 480, 1)) })));
        var again = await client.PostAsync($"/faceverify/challenge/{id}/verify", ApiClient.Json(JsonSerializer.Serialize(new { token })));

        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await late.ReadJsonAsync()).GetProperty("Code").GetString().Should().Be("BadRequestError");
        (await again.Content.ReadAsStringAsync()).Should().Be("""{"success":false}""");
    }

    [Test]
    public async Task CreateChallenge_OptionOff_AnswersTheNormalShape()
    {
        using var factory = CreateFactory(compatible: false);
        using var client = ReferenceClient(factory);

        var challenge = await (await client.PostAsync("/faceverify/challenge", ApiClient.Json("""{"imageWidth":480,"imageHeight":480,"challengeType":"NOSE"}"""))).ReadJsonAsync();

        challenge.GetProperty("type").GetString().Should().Be("nose");
        challenge.TryGetProperty("expiresAt", out _).Should().BeTrue();
    }

    private static async Task<(string Id, string Token)> StartAsync(HttpClient client)
    {
        var challenge = await (await client.PostAsync("/faceverify/challenge", ApiClient.Json("""{"imageWidth":480,"imageHeight":480,"challengeType":"NOSE"}"""))).ReadJsonAsync();
        return (challenge.GetProperty("id").GetString()!, challenge.GetProperty("token").GetString()!);
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
