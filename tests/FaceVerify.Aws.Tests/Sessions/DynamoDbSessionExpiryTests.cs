using Amazon.DynamoDBv2.Model;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FaceVerify.Aws.Tests.Sessions;

/// <summary>
/// Abandoned sessions on the local DynamoDB (dynalite): three FaceVerify instances share one table, nobody calls verify,
/// and their expiry sweepers, running at once, record every session as Expired exactly once.
/// </summary>
[NonParallelizable]
public class DynamoDbSessionExpiryTests
{
    private const int Size = 480;

    [Test]
    public async Task Sweepers_ThreeInstancesOneTable_EveryAbandonedSessionExpiredAndCountedExactlyOnce()
    {
        var table = "faceverify-expiry-" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 40, 0, TimeSpan.Zero));
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        using var a = await Instance.StartAsync(stack, table, time);
        using var b = await Instance.StartAsync(stack, table, time);
        using var c = await Instance.StartAsync(stack, table, time);
        Instance[] instances = [a, b, c];
        var ids = new List<string>();

        // 12 sessions now (expiring in the 07:00 hour), 12 more 30 minutes later (expiring in the 08:00 hour).
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 12; i++)
            {
                ids.Add(await instances[i % 3].StartAbandonedAsync(frames: i % 3));
            }

            time.Advance(TimeSpan.FromMinutes(30));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        var swept = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () => await instances[i % 3].Sweeper.SweepAsync(default))));
        var again = await Task.WhenAll(instances.Select(i => i.Sweeper.SweepAsync(default).AsTask()));

        swept.Sum().Should().Be(24, "each abandoned session is completed by exactly one of the concurrent sweepers");
        again.Sum().Should().Be(0);
        instances.Sum(i => i.Completed.GetMeasurementSnapshot().Sum(m => m.Value)).Should().Be(24, "the outcome metric counts each expiry once");
        foreach (var id in ids)
        {
            var session = await a.Attempts.GetSessionAsync(id, default);
            session!.Status.Should().Be(SessionStatus.Expired);
            session.Outcome!.Reason.Should().Be(ChallengeReason.SessionExpired);
        }

        (await a.CountExpiryEntriesAsync(table, time.GetUtcNow())).Should().Be(0, "handled index entries are removed");
    }

    [Test]
    public async Task Sweep_SessionVerifiedBeforeExpiry_KeepsOutcomeAndRemovesIndexEntry()
    {
        var table = "faceverify-expiry-" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        using var a = await Instance.StartAsync(stack, table, time);
        var (id, token) = await a.StartAsync(frames: 0);
        var verified = await a.Sessions.VerifyAsync(id, new SessionAccess(token), default);
        time.Advance(TimeSpan.FromMinutes(10));

        (await a.Sweeper.SweepAsync(default)).Should().Be(0);

        verified.Status.Should().Be(SessionStatus.Failed);
        (await a.Attempts.GetSessionAsync(id, default))!.Status.Should().Be(SessionStatus.Failed);
        (await a.CountExpiryEntriesAsync(table, time.GetUtcNow())).Should().Be(0);
    }

    private sealed class Instance : IDisposable
    {
        private readonly ServiceProvider _provider;

        private Instance(ServiceProvider provider)
        {
            _provider = provider;
            Completed = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), FaceVerifyTelemetry.Name, "faceverify.sessions.completed");
        }

        public MetricCollector<long> Completed { get; }

        public IChallengeSessionService Sessions => _provider.GetRequiredService<IChallengeSessionService>();

        public ISessionExpirySweeper Sweeper => _provider.GetRequiredService<ISessionExpirySweeper>();

        public IAttemptStore Attempts => _provider.GetRequiredService<IAttemptStore>();

        public static async Task<Instance> StartAsync(LocalAwsStack stack, string table, TimeProvider time)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddLogging();
            services.AddSingleton(time);
            services.AddFaceVerification(o => o.AllowClientChallengeType = false)
                .UseInMemoryStores()
                .UseEphemeralSigningKey()
                .UseFaceAnalyzer(ScriptedFaceAnalyzer.Always(FaceAnalysis.NoFaces))
                .UseDynamoDb(o => stack.Configure(o, table));
            var provider = services.BuildServiceProvider();

            // EnsureTableAsync polls for ACTIVE with its TimeProvider's delays: create the table on the system clock.
            var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DynamoDbOptions>>();
            var creator = new DynamoDbAttemptStore(
                provider.GetRequiredKeyedService<Amazon.DynamoDBv2.IAmazonDynamoDB>(FaceVerify.Aws.FaceVerifyAwsServiceKeys.Client),
                options,
                TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<DynamoDbAttemptStore>.Instance);
            await creator.EnsureTableAsync();
            return new Instance(provider);
        }

        public async Task<(string Id, string Token)> StartAsync(int frames)
        {
            var started = await Sessions.StartAsync(new StartChallengeRequest { UserId = "user-" + Guid.NewGuid().ToString("N"), FrameWidth = Size, FrameHeight = Size }, default);
            started.Succeeded.Should().BeTrue(started.Detail);
            for (var i = 0; i < frames; i++)
            {
                (await Sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), TestFrames.Jpeg(Size, Size, i), default)).Succeeded.Should().BeTrue();
            }

            return (started.SessionId!, started.SessionToken!);
        }

        public async Task<string> StartAbandonedAsync(int frames) => (await StartAsync(frames)).Id;

        /// <summary>Index entries left in the hour partitions around <paramref name="now"/> (read with the low-level client).</summary>
        public async Task<int> CountExpiryEntriesAsync(string table, DateTimeOffset now)
        {
            var client = _provider.GetRequiredKeyedService<Amazon.DynamoDBv2.IAmazonDynamoDB>(FaceVerify.Aws.FaceVerifyAwsServiceKeys.Client);
            var count = 0;
            for (var h = -3; h <= 1; h++)
            {
                var hour = now.AddHours(h).ToUniversalTime().ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture);
                var page = await client.QueryAsync(new QueryRequest
                {
                    TableName = table,
                    ConsistentRead = true,
                    KeyConditionExpression = "PK = :pk",
                    ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = "X#" + hour } },
                });
                count += page.Items.Count;
            }

            return count;
        }

        public void Dispose()
        {
            Completed.Dispose();
            _provider.Dispose();
        }
    }
}
