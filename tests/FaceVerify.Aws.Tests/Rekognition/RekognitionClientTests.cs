using System.Net;
using Amazon.Runtime;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Testing;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>The client over a real socket: what goes on the wire, and that the AWS SDK's signer accepts its signature.</summary>
public class RekognitionClientTests
{
    [Test]
    public async Task DetectFaces_OverSocket_SendsSignedJsonProtocolRequest()
    {
        var script = new RekognitionScript().Then(ScriptedResponse.Ok("detect-faces-all.json"));
        await using var server = new RekognitionTestServer(script);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 34, 56, TimeSpan.Zero));
        using var handler = new SocketsHttpHandler();
        var client = RekognitionTestData.Client(handler, RekognitionTestData.Options(server.Url), clock);
        var image = RekognitionTestData.Image(7);

        await client.InvokeAsync(new DetectFacesRequest(new RekognitionImage(image.Content.ToArray()), ["ALL"]), CancellationToken.None);

        var request = script.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/");
        request.Headers["x-amz-target"].Should().Be("RekognitionService.DetectFaces");
        request.Headers["content-type"].Should().Be("application/x-amz-json-1.1");
        request.Headers["x-amz-date"].Should().Be("20261121T123456Z");
        request.Headers.Should().NotContainKey("x-amz-security-token");
        request.Json.GetProperty("Attributes")[0].GetString().Should().Be("ALL");
        Convert.FromBase64String(request.Json.GetProperty("Image").GetProperty("Bytes").GetString()!).Should().Equal(image.Content.ToArray());

        var auth = SdkSignatureCheck.ParseAuthorization(request.Headers["authorization"]);
        auth.AccessKeyId.Should().Be(RekognitionTestData.AccessKeyId);
        auth.Region.Should().Be("eu-west-1");
        auth.Service.Should().Be("rekognition");
        auth.SignedHeaders.Should().Be("content-type;host;x-amz-date;x-amz-target");
        auth.Signature.Should().Be(SdkSignatureCheck.ExpectedSignature(request, RekognitionTestData.SecretAccessKey));
    }

    [Test]
    public async Task Invoke_SessionCredentials_SignsAndSendsSecurityToken()
    {
        var script = new RekognitionScript().Then(ScriptedResponse.Ok("create-collection.json"));
        await using var server = new RekognitionTestServer(script);
        using var handler = new SocketsHttpHandler();
        var client = RekognitionTestData.Client(handler, RekognitionTestData.Options(server.Url), new SessionAWSCredentials("ASIATEMPORARY", "temporary/secret", "session-token-value"));

        var response = await client.InvokeAsync(new CreateCollectionRequest("faceverify-tests"), CancellationToken.None);

        response.CollectionArn.Should().EndWith("collection/faceverify-tests");
        var request = script.Requests.Single();
        request.Headers["x-amz-security-token"].Should().Be("session-token-value");
        var auth = SdkSignatureCheck.ParseAuthorization(request.Headers["authorization"]);
        auth.SignedHeaders.Should().Be("content-type;host;x-amz-date;x-amz-target;x-amz-security-token".Split(';').Order(StringComparer.Ordinal).Aggregate((a, b) => a + ";" + b));
        auth.Signature.Should().Be(SdkSignatureCheck.ExpectedSignature(request, "temporary/secret"));
    }

    [Test]
    public async Task Invoke_ServiceUrlWithoutRegion_SignsForUsEast1()
    {
        var script = new RekognitionScript().Then(ScriptedResponse.Ok("detect-faces-none.json"));
        var client = RekognitionTestData.Client(new ScriptedHandler(script), RekognitionTestData.Options("http://127.0.0.1:9/", o => o.Region = null));

        await client.InvokeAsync(new DetectFacesRequest(new RekognitionImage([1]), ["ALL"]), CancellationToken.None);

        SdkSignatureCheck.ParseAuthorization(script.Requests.Single().Headers["authorization"]).Region.Should().Be("us-east-1");
    }

    [Test]
    public async Task Invoke_BodyFormErrorWithNamespace_ThrowsTypedExceptionWithRequestId()
    {
        var script = new RekognitionScript().Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "resource-already-exists.json"));
        await using var server = new RekognitionTestServer(script);
        using var handler = new SocketsHttpHandler();
        var client = RekognitionTestData.Client(handler, RekognitionTestData.Options(server.Url));

        var act = () => client.InvokeAsync(new CreateCollectionRequest("faceverify-tests"), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorCode.Should().Be("ResourceAlreadyExistsException");
        error.ServiceMessage.Should().Contain("already exists");
        error.RequestId.Should().Be("03507c9b-7e84-11e9-9ad1-854a4567eb71");
        error.IsTransient.Should().BeFalse();
    }
}
