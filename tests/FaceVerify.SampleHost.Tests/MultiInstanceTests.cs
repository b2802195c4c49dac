using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// Many instances, proven with real processes: three sample hosts (their build output, <c>Aws</c> mode) share one local
/// stack (dynalite, s3rver, the local face engine, each on a free 127.0.0.1 port) and one signing key. One nose session's
/// frames alternate between instances; the instance that started the session is killed with SIGKILL mid-session and a
/// new one joins; then verify runs on two instances at once, with the hosts' default checks (the flat-object check and
/// identity consistency on). The frames are a 3D head turn rendered for the session's target
/// (<see cref="RenderedHeadTurnVideos"/>), every second frame from just before the turn (5 a second, 8 s), analysed by the
/// real local engine. Needs <c>npm ci</c> in tools/local-aws, like the page tests.
/// </summary>
[NonParallelizable]
public sealed partial class MultiInstanceTests
{
    private const string User = "multi-instance-user";

    /// <summary>The first rendered frame uploaded: 1.2 s before the head starts to turn.</summary>
    private const int FirstFrame = RenderedHeadTurnVideos.RestFrames - 12;

    /// <summary>Upload every second rendered frame (5 a second).</summary>
    private const int FrameStep = 2;

    /// <summary>The most frames uploaded (8 s): the turn and the hold; a genuine session is decided well before.</summary>
    private const int MaxUploads = 40;

    /// <summary>The upload after which the first instance is killed: the last still frame, before the head turns.</summary>
    private const int KillAfter = 5;

    private readonly List<SampleHostProcess> _hosts = [];
    private LocalAwsStack _stack = null!;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [SetUp]
    public async Task SetUp()
    {
        _stack = await LocalAwsStack.GetAsync("dynamodb,s3,rekognition");
        Phase("local stack started");
    }

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var host in _hosts)
            {
                await TestContext.Out.WriteLineAsync($"--- host {host.ProcessId} ---\n{host.Log}");
            }
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await LocalAwsStack.StopAllAsync();
    }

    [Test]
    public async Task Session_FramesAcrossInstancesOneKilledMidSession_OneCompletionAgreedEverywhereNoAcceptedFrameLost()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var settings = SharedSettings(run);

        // A starts the session (its fixed seed gives every session the same nose target, so the head turn can be rendered
        // for it before the session starts), B shares the frames.
        var a = await StartHostAsync([.. settings, $"--FaceVerify:Sample:FixedSeed={FakeCameraVideos.Seed}"]);
        var b = await StartHostAsync(settings);
        using var toA = Client(a);
        using var toB = Client(b);
        Phase("instances A and B started");
        var rendered = await RenderedHeadTurnVideos.FramesForHostAsync(a.Address);
        Phase("head turn rendered");
        var session = await StartSessionAsync(toA);
        session.GetProperty("type").GetString().Should().Be("nose");
        var id = session.GetProperty("id").GetString()!;
        var token = session.GetProperty("token").GetString()!;

        var files = Directory.GetFiles(rendered, "*.jpg").Order(StringComparer.Ordinal).Skip(FirstFrame).Where((_, i) => i % FrameStep == 0).Take(MaxUploads).ToArray();
        var accepted = new List<(int Sequence, string Hash, int Instance)>();
        var closed = 0;
        HttpClient[] live = [toA, toB];
        int[] liveIds = [a.ProcessId, b.ProcessId];
        HttpClient? toC = null;
        try
        {
            for (var i = 0; i < files.Length && closed == 0; i++)
            {
                if (i == KillAfter + 1)
                {
                    // SIGKILL (Process.Kill on Unix): no shutdown, no flush. Then a new instance joins.
                    using (var victim = Process.GetProcessById(a.ProcessId))
                    {
                        victim.Kill();
                        await victim.WaitForExitAsync();
                    }

                    Phase("A killed");
                    var c = await StartHostAsync(settings);
                    Phase("C joined");
                    toC = Client(c);
                    live = [toB, toC];
                    liveIds = [b.ProcessId, c.ProcessId];
                }

                var bytes = await File.ReadAllBytesAsync(files[i]);
                var target = i % live.Length;
                using var response = await PutFrameAsync(live[target], id, token, bytes);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var sequence = JsonDocument.Parse(body).RootElement.GetProperty("sequence").GetInt32();
                    accepted.Add((sequence, Convert.ToHexStringLower(SHA256.HashData(bytes)), liveIds[target]));
                }
                else
                {
                    // The only refusal a genuine session may see: the challenge was decided (by any instance's analysis).
                    response.StatusCode.Should().Be(HttpStatusCode.Conflict, body);
                    body.Should().Contain("session_closed");
                    closed++;
                }
            }

            Phase("frames uploaded");
            toC.Should().NotBeNull("the new instance joined");
            TestContext.Out.WriteLine($"accepted {accepted.Count} frames: {string.Join(", ", accepted.GroupBy(f => f.Instance).Select(g => $"pid {g.Key}: {g.Count()}"))}; refused after the decision: {closed}");

            // Verify on the survivor and on the newcomer at the same time: one completion, the same answer.
            var verifies = await Task.WhenAll(VerifyAsync(toB, id, token), VerifyAsync(toC!, id, token));
            Phase("verified on B and C");
            var again = await VerifyAsync(toC!, id, token);
            foreach (var verdict in verifies.Append(again))
            {
                TestContext.Out.WriteLine($"verify: {verdict.GetProperty("outcome")} ({verdict.GetProperty("reason")}) at frame {verdict.GetProperty("decidedAtFrame")}");
                verdict.GetProperty("success").GetBoolean().Should().BeTrue(verdict.ToString());
                verdict.GetProperty("outcome").GetString().Should().Be(verifies[0].GetProperty("outcome").GetString());
                verdict.GetProperty("reason").GetString().Should().Be(verifies[0].GetProperty("reason").GetString());
                verdict.GetProperty("decidedAtFrame").GetInt32().Should().Be(verifies[0].GetProperty("decidedAtFrame").GetInt32());
            }

            // Exactly one instance recorded the completion (the conditional write decides; the loser reads the stored outcome).
            var completions = _hosts.Sum(h => CompletedLine().Matches(h.Log).Count(m => m.Groups[1].Value == id));
            completions.Should().Be(1, "exactly one instance completes the session");

            // One proof per session across instances: the result token redeems once, wherever it is presented.
            var resultToken = verifies[1].GetProperty("resultToken").GetString();
            (await RedeemAsync(toB, resultToken)).Should().Be(HttpStatusCode.OK);
            (await RedeemAsync(toC!, resultToken)).Should().Be(HttpStatusCode.Conflict);
            (await RedeemAsync(toB, verifies[0].GetProperty("resultToken").GetString())).Should().Be(HttpStatusCode.Conflict);
        }
        finally
        {
            toC?.Dispose();
        }

        // No accepted frame lost: every instance, the killed one included, handed out distinct, gap-free sequence numbers,
        // the decision lies after the killed instance's frames, and the bytes of every accepted frame are in S3.
        accepted.Select(f => f.Sequence).Order().Should().Equal(Enumerable.Range(accepted.Min(f => f.Sequence), accepted.Count));
        accepted.Should().Contain(f => f.Instance == a.ProcessId).And.Contain(f => f.Instance == b.ProcessId)
            .And.Contain(f => f.Instance != a.ProcessId && f.Instance != b.ProcessId);
        var stored = await FrameObjectKeysAsync($"multi-{run}", id);
        foreach (var frame in accepted)
        {
            stored.Should().Contain(k => k.Contains(frame.Hash, StringComparison.Ordinal), $"frame {frame.Sequence} (accepted by pid {frame.Instance}) is stored");
        }
    }

    private void Phase(string what) => TestContext.Out.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private string[] SharedSettings(string run)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return
        [
            "--FaceVerify:Sample:Mode=Aws",
            "--FaceVerify:EnabledChallengeTypes:0=nose",
            // Engine calls queue behind the other test projects' on a loaded 2-core machine (as in SamplePageTests).
            "--FaceVerify:Rekognition:AttemptTimeout=00:01:00", "--FaceVerify:AnalysisTimeout=00:02:00",
            // Generous state time: a new instance's start-up and the uploads (each frame is stored in s3rver and dynalite
            // and analysed by the local engine, ~1 s a frame on a busy 2-core machine) fall inside one state.
            "--FaceVerify:Nose:StateTimeout=00:02:00",
            "--FaceVerify:Tokens:SigningKeys:0:Id=shared",
            $"--FaceVerify:Tokens:SigningKeys:0:Secret={key}",
            $"--FaceVerify:Rekognition:ServiceUrl={_stack.Rekognition}",
            $"--FaceVerify:Rekognition:Region={_stack.Region}",
            $"--FaceVerify:Rekognition:AccessKeyId={_stack.AccessKeyId}",
            $"--FaceVerify:Rekognition:SecretAccessKey={_stack.SecretAccessKey}",
            $"--FaceVerify:Rekognition:CollectionId=multi-{run}",
            $"--FaceVerify:DynamoDb:ServiceUrl={_stack.DynamoDb}",
            $"--FaceVerify:DynamoDb:Region={_stack.Region}",
            $"--FaceVerify:DynamoDb:AccessKeyId={_stack.AccessKeyId}",
            $"--FaceVerify:DynamoDb:SecretAccessKey={_stack.SecretAccessKey}",
            $"--FaceVerify:DynamoDb:TableName=multi-{run}",
            $"--FaceVerify:S3:ServiceUrl={_stack.S3}",
            $"--FaceVerify:S3:Region={_stack.Region}",
            "--FaceVerify:S3:AccessKeyId=S3RVER",
            "--FaceVerify:S3:SecretAccessKey=S3RVER",
            "--FaceVerify:S3:ForcePathStyle=true",
            "--FaceVerify:S3:ChecksumsWhenRequiredOnly=true",
            $"--FaceVerify:S3:BucketName=multi-{run}",
        ];
    }

    private async Task<SampleHostProcess> StartHostAsync(string[] settings)
    {
        var host = await SampleHostProcess.StartAsync(settings);
        _hosts.Add(host);
        return host;
    }

    private static HttpClient Client(SampleHostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Demo-User", User);
        return client;
    }

    private static async Task<JsonElement> StartSessionAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("faceverify/challenge", new { imageWidth = 480, imageHeight = 480 });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> PutFrameAsync(HttpClient client, string id, string token, byte[] jpeg)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"faceverify/challenge/{id}/frame") { Content = new ByteArrayContent(jpeg) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client, string id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"faceverify/challenge/{id}/verify");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<HttpStatusCode> RedeemAsync(HttpClient client, string? resultToken)
    {
        using var response = await client.PostAsJsonAsync("faceverify/results/redeem", new { resultToken });
        return response.StatusCode;
    }

    /// <summary>The keys of the session's frame objects in the local S3 (s3rver).</summary>
    private async Task<List<string>> FrameObjectKeysAsync(string bucket, string sessionId)
    {
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = _stack.S3, ForcePathStyle = true, AuthenticationRegion = _stack.Region });
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k.Contains(sessionId, StringComparison.Ordinal)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    [GeneratedRegex(@"Session (\S+) completed: ")]
    private static partial Regex CompletedLine();
}
