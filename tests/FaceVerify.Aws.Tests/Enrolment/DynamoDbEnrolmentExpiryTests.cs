using Amazon.DynamoDBv2.Model;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Aws.S3;
using FaceVerify.Aws.Tests.Rekognition;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Aws.Tests.Enrolment;

/// <summary>
/// Enrolment expiry on the local stack: faces indexed in the local engine's collection (real photos), enrolment expiry
/// entries in dynalite, reference photos in s3rver. Two FaceVerify instances share the table, bucket and collection;
/// after <see cref="FaceVerificationOptions.EnrolmentRetention"/> their sweepers, running at once, delete every face
/// once, and nothing of the enrolments is left in the collection, the bucket or the index.
/// </summary>
[NonParallelizable]
public class DynamoDbEnrolmentExpiryTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Test]
    public async Task Sweepers_TwoInstancesOneTable_EveryExpiredFaceDeletedOnceNothingLeft()
    {
        var name = "fv-enrol-" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 40, 0, TimeSpan.Zero));
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3,rekognition");
        using var a = await Instance.StartAsync(stack, name, time);
        using var b = await Instance.StartAsync(stack, name, time);
        var photos = await SingleFacePhotosAsync(a);
        photos.Should().HaveCountGreaterThanOrEqualTo(2, "the demo photo holds several faces to enrol");

        var users = new List<string>();
        for (var i = 0; i < photos.Count; i++)
        {
            var user = "user-" + i;
            var enrolled = await (i % 2 == 0 ? a : b).Enrolment.EnrolAsync(user, photos[i].Content, default);
            if (enrolled.Succeeded)
            {
                users.Add(user);
            }
        }

        users.Should().HaveCountGreaterThanOrEqualTo(2);
        TestContext.Out.WriteLine($"{users.Count} of {photos.Count} crops enrolled in the local engine's collection");
        (await a.Sweeper.SweepAsync(default)).Should().Be(0, "nothing has expired yet");
        time.Advance(Retention + TimeSpan.FromMinutes(1));

        var swept = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () => await (i % 2 == 0 ? a : b).Sweeper.SweepAsync(default))));
        var again = await a.Sweeper.SweepAsync(default) + await b.Sweeper.SweepAsync(default);

        swept.Sum().Should().Be(users.Count, "each expired enrolment is ended by exactly one of the concurrent sweepers");
        again.Should().Be(0);
        foreach (var user in users)
        {
            (await a.Collection.DeleteUserFacesAsync(user, default)).Should().Be(0, $"{user}'s face was deleted from the collection by the sweep");
            (await a.Frames.GetAsync(FrameKeys.Enrolment(user, ImageFormat.Jpeg), default)).Should().BeNull();
        }

        (await a.CountIndexItemsAsync(name)).Should().Be(0, "handled entries and their back-pointers are removed");
    }

    [Test]
    public async Task DeleteUserData_RemovesTheEntryAndItsBackPointer()
    {
        var name = "fv-enrol-" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 40, 0, TimeSpan.Zero));
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        using var a = await Instance.StartAsync(stack, name, time, rekognition: false);
        var index = (IEnrolmentExpiryIndex)a.Attempts;
        var alice = new ExpiringEnrolment("alice", "face-1", time.GetUtcNow() + Retention);
        var bob = new ExpiringEnrolment("bob", "face-2", time.GetUtcNow() + Retention);
        await index.AddEnrolmentAsync(alice, default);
        await index.AddEnrolmentAsync(bob, default);
        (await index.ContainsEnrolmentAsync(alice, default)).Should().BeTrue();

        await a.Attempts.DeleteUserDataAsync("alice", default);

        (await index.ContainsEnrolmentAsync(alice, default)).Should().BeFalse();
        (await index.GetExpiredEnrolmentsAsync(time.GetUtcNow() + Retention, 10, default)).Should().Equal(bob);
        (await a.CountIndexItemsAsync(name)).Should().Be(2, "bob's entry and back-pointer stay");
    }

    /// <summary>Single-face crops of the demo photo, as the local engine finds them.</summary>
    private static async Task<List<FaceImage>> SingleFacePhotosAsync(Instance instance)
    {
        var photo = LocalFaceEngine.Sample(1);
        var analysis = await instance.Analyzer.AnalyzeAsync(photo, default);
        var crops = new List<FaceImage>();
        foreach (var face in analysis.Faces.OrderByDescending(f => f.BoundingBox.Width).Take(4))
        {
            crops.Add(await LocalFaceEngine.CropAsync(photo, face.BoundingBox));
        }

        return crops;
    }

    private sealed class Instance : IDisposable
    {
        private readonly ServiceProvider _provider;

        private Instance(ServiceProvider provider) => _provider = provider;

        public IFaceEnrolmentService Enrolment => _provider.GetRequiredService<IFaceEnrolmentService>();

        public IEnrolmentExpirySweeper Sweeper => _provider.GetRequiredService<IEnrolmentExpirySweeper>();

        public IAttemptStore Attempts => _provider.GetRequiredService<IAttemptStore>();

        public IFrameStore Frames => _provider.GetRequiredService<IFrameStore>();

        public IFaceCollection Collection => _provider.GetRequiredService<IFaceCollection>();

        public IFaceAnalyzer Analyzer => _provider.GetRequiredService<IFaceAnalyzer>();

        public static async Task<Instance> StartAsync(LocalAwsStack stack, string name, TimeProvider time, bool rekognition = true)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddLogging();
            services.AddSingleton(time);
            var builder = services.AddFaceVerification(o =>
                {
                    o.RequireLivenessForEnrolment = false;
                    o.EnrolmentRetention = Retention;
                })
                .UseInMemoryStores()
                .UseEphemeralSigningKey()
                .UseDynamoDb(o => stack.Configure(o, name))
                .UseS3(o => stack.Configure(o, name));
            if (rekognition)
            {
                // Requests to the engine are signed on the system clock (it refuses signatures 15 minutes off); FaceVerify's
                // retention runs on the test's clock.
                services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RekognitionClient>(sp, TimeProvider.System));
                builder.UseRekognition(o =>
                {
                    o.ServiceUrl = stack.Rekognition;
                    o.Region = stack.Region;
                    o.AccessKeyId = stack.AccessKeyId;
                    o.SecretAccessKey = stack.SecretAccessKey;
                    o.CollectionId = name;
                    o.AttemptTimeout = TimeSpan.FromSeconds(9);
                });
            }
            else
            {
                builder.UseFaceAnalyzer(ScriptedFaceAnalyzer.Always(FaceAnalysis.NoFaces));
            }

            var provider = services.BuildServiceProvider();

            // EnsureTableAsync polls for ACTIVE with its TimeProvider's delays: create the table on the system clock.
            var creator = new DynamoDbAttemptStore(
                provider.GetRequiredKeyedService<Amazon.DynamoDBv2.IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client),
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DynamoDbOptions>>(),
                TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<DynamoDbAttemptStore>.Instance);
            await creator.EnsureTableAsync();
            await provider.GetRequiredService<S3FrameStore>().EnsureBucketAsync();
            if (rekognition)
            {
                await provider.GetRequiredService<RekognitionFaceCollection>().EnsureCollectionAsync();
            }

            return new Instance(provider);
        }

        /// <summary>Enrolment expiry entries and back-pointers left in the table (a scan with the low-level client).</summary>
        public async Task<int> CountIndexItemsAsync(string table)
        {
            var client = _provider.GetRequiredKeyedService<Amazon.DynamoDBv2.IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client);
            var scan = await client.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true });
            return scan.Items.Count(i => (i["PK"].S.StartsWith("XE#", StringComparison.Ordinal) && i["PK"].S != "XE#CURSOR") || (i["PK"].S.StartsWith("U#", StringComparison.Ordinal) && i["SK"].S.StartsWith("E#", StringComparison.Ordinal)));
        }

        public void Dispose() => _provider.Dispose();
    }
}
