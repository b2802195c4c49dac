using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Runtime;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaceVerify.CognitoTriggers.Tests.Runtime;

public class LambdaRuntimeLoopTests
{
    private readonly TriggerTestHost _host = new();
    private readonly FakeRuntimeApi _api = new();

    [TearDown]
    public void TearDown()
    {
        _host.Dispose();
        _api.Dispose();
    }

    private LambdaRuntimeLoop Loop(FaceVerify.CognitoTriggers.Handlers.ICognitoTrigger handler)
        => new(new HttpClient(_api), "127.0.0.1:9001", handler, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), NullLogger<LambdaRuntimeLoop>.Instance);

    [Test]
    public async Task RunOnce_Event_PostsTheHandlersResponseForThatRequest()
    {
        _api.NextEvent = Fixtures.Text(Fixtures.DefineFirst);

        await Loop(_host.Define).RunOnceAsync(default);

        _api.PostedPath.Should().Be("/2018-06-01/runtime/invocation/req-1/response");
        JsonNode.Parse(_api.PostedBody!)!["response"]!["challengeName"]!.GetValue<string>().Should().Be("CUSTOM_CHALLENGE");
    }

    [Test]
    public async Task RunOnce_MalformedEvent_PostsAnErrorNamingTheProblem()
    {
        _api.NextEvent = "{\"triggerSource\":\"DefineAuthChallenge_Authentication\"}";

        await Loop(_host.Define).RunOnceAsync(default);

        _api.PostedPath.Should().Be("/2018-06-01/runtime/invocation/req-1/error");
        var error = JsonNode.Parse(_api.PostedBody!)!;
        error["errorType"]!.GetValue<string>().Should().Be("MalformedEventException");
        error["errorMessage"]!.GetValue<string>().Should().Contain("'request'");
        _api.PostedErrorType.Should().Be("Unhandled");
    }

    [Test]
    public async Task RunOnce_UnexpectedFailure_PostsAGenericErrorWithoutDetails()
    {
        _api.NextEvent = Fixtures.Text(Fixtures.S3ObjectCreated);
        using var unconfigured = new TriggerTestHost(configureTriggers: o => o.UploadBucket = null);

        await Loop(unconfigured.Enrolment).RunOnceAsync(default);

        var error = JsonNode.Parse(_api.PostedBody!)!;
        error["errorMessage"]!.GetValue<string>().Should().Be("Internal error.");
        _api.PostedBody.Should().NotContain("UploadBucket");
    }

    /// <summary>Plays the Lambda Runtime API in memory: one event on "next", records what is posted.</summary>
    private sealed class FakeRuntimeApi : HttpMessageHandler
    {
        public string NextEvent { get; set; } = "{}";

        public string? PostedPath { get; private set; }

        public string? PostedBody { get; private set; }

        public string? PostedErrorType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/2018-06-01/runtime/invocation/next")
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(NextEvent, Encoding.UTF8, "application/json") };
                response.Headers.Add("Lambda-Runtime-Aws-Request-Id", "req-1");
                response.Headers.Add("Lambda-Runtime-Deadline-Ms", new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                return response;
            }

            PostedPath = request.RequestUri!.AbsolutePath;
            PostedBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            PostedErrorType = request.Content.Headers.TryGetValues("Lambda-Runtime-Function-Error-Type", out var values) ? values.First() : null;
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
