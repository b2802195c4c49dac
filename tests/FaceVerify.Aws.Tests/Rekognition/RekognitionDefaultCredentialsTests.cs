using FaceVerify.Aws.Rekognition;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>Without explicit credentials the client takes them from the AWS SDK's default chain (here: environment variables).</summary>
[NonParallelizable]
public class RekognitionDefaultCredentialsTests
{
    private static readonly string[] Variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    [Test]
    public async Task Invoke_NoExplicitCredentials_SignsWithEnvironmentCredentialsAndToken()
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "ASIAFROMENVIRONMENT");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment/secret");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "environment-token");
        try
        {
            var script = new RekognitionScript().Then(ScriptedResponse.Ok("detect-faces-none.json"));
            var options = RekognitionTestData.Options("http://127.0.0.1:9/", o =>
            {
                o.AccessKeyId = null;
                o.SecretAccessKey = null;
            });
            var client = RekognitionTestData.Client(new ScriptedHandler(script), options);

            await client.InvokeAsync(new DetectFacesRequest(new RekognitionImage([1, 2]), ["ALL"]), CancellationToken.None);

            var request = script.Requests.Single();
            SdkSignatureCheck.ParseAuthorization(request.Headers["authorization"]).AccessKeyId.Should().Be("ASIAFROMENVIRONMENT");
            request.Headers["x-amz-security-token"].Should().Be("environment-token");
            SdkSignatureCheck.ParseAuthorization(request.Headers["authorization"]).Signature.Should().Be(SdkSignatureCheck.ExpectedSignature(request, "environment/secret"));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
