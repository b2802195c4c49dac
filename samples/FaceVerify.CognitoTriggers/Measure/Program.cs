using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceVerify;
using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Hosting;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Times VerifyAuthChallengeResponse end to end in process: event JSON in → parse → answer check → face login (session
// read, single-use redemption, frames read, best frame, frame bytes read, collection match, result token) → JSON out.
// Stores are in memory and the collection is a fake, so this is the handler's own cost; add the AWS calls' latency
// (see docs/cognito.md) for the production figure. Usage: dotnet run -c Release --project <this> [iterations]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
const string Sub = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
var face = new FaceDetails { Confidence = 99.9, BoundingBox = new BoundingBox(0.4, 0.5, 0.3, 0.2) };

var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
services.AddFaceVerification(o =>
    {
        o.MaxSessionsPerUser = 10000;
        o.AnalysisRetryDelay = TimeSpan.Zero;
    })
    .ClearChallenges()
    .AddChallenge<ThreeFramesChallenge>()
    .UseInMemoryStores()
    .UseEphemeralSigningKey()
    .UseFaceAnalyzer(new ScriptedFaceAnalyzer((_, _) => new FaceAnalysis([face])))
    .UseFaceCollection(new FakeFaceCollection())
    .UseFaceComparer(new FakeFaceComparer());
services.AddCognitoTriggers();
await using var provider = services.BuildServiceProvider();
await provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync(Sub, TestFrames.Jpeg(480, 480, 1), default);
var sessions = provider.GetRequiredService<IChallengeSessionService>();
var verify = provider.GetRequiredService<VerifyAuthChallengeResponseHandler>();

async Task<string> PassedSessionAsync(int n)
{
    var started = await sessions.StartAsync(new StartChallengeRequest { UserId = Sub, FrameWidth = 640, FrameHeight = 480 }, default);
    for (var i = 0; i < 3; i++)
    {
        await sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), TestFrames.Jpeg(640, 480, (n * 3) + i), default);
    }

    await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
    return started.SessionId!;
}

string VerifyEvent(string sessionId) => new JsonObject
{
    ["version"] = "1",
    ["region"] = "eu-west-1",
    ["userPoolId"] = "eu-west-1_AbCdEf123",
    ["userName"] = Sub,
    ["callerContext"] = new JsonObject { ["awsSdkVersion"] = "aws-sdk-unknown-unknown", ["clientId"] = "1example23456789abcdefghij" },
    ["triggerSource"] = "VerifyAuthChallengeResponse_Authentication",
    ["request"] = new JsonObject
    {
        ["userAttributes"] = new JsonObject { ["sub"] = Sub, ["email"] = "jane@example.com", ["email_verified"] = "true" },
        ["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId },
        ["challengeAnswer"] = sessionId,
        ["userNotFound"] = false,
    },
    ["response"] = new JsonObject { ["answerCorrect"] = null },
}.ToJsonString();

var samples = new List<double>(iterations);
var correct = 0;
for (var n = 0; n <= iterations; n++)
{
    var input = new MemoryStream(Encoding.UTF8.GetBytes(VerifyEvent(await PassedSessionAsync(n))));
    var watch = Stopwatch.StartNew();
    var output = await verify.HandleAsync(input);
    watch.Stop();
    using var doc = await JsonDocument.ParseAsync(output);
    correct += doc.RootElement.GetProperty("response").GetProperty("answerCorrect").GetBoolean() ? 1 : 0;
    samples.Add(watch.Elapsed.TotalMilliseconds);
}

var first = samples[0];
var warm = samples.Skip(1).Order().ToArray();
double P(double q) => warm[Math.Min(warm.Length - 1, (int)Math.Ceiling(q * warm.Length) - 1)];
Console.WriteLine($"Verify handler, in process: first call {first:F1} ms (includes JIT); warm n={warm.Length}: p50 {P(0.5):F3} ms, p95 {P(0.95):F3} ms, max {warm[^1]:F3} ms; answerCorrect {correct}/{samples.Count}");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
return correct == samples.Count ? 0 : 1;

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;

/// <summary>Passes at the third frame with one face (the measurement needs passed sessions, not a real challenge).</summary>
internal sealed class ThreeFramesChallenge : IChallenge
{
    public string Type => "three-frames";

    public JsonElement CreateParameters(in ChallengeParametersArguments arguments) => JsonSerializer.SerializeToElement(new { target = 3 });

    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments) => new Evaluator();

    private sealed class Evaluator : IChallengeEvaluator
    {
        private int _count;

        public ChallengeVerdict Evaluate(in AnalyzedFrame frame) => frame.Faces.Count == 1 && ++_count >= 3 ? ChallengeVerdict.Passed : ChallengeVerdict.Continue;
    }
}
