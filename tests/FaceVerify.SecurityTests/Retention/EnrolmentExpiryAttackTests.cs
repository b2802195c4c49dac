using System.Net;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.S3;
using FaceVerify.SecurityTests.Attacks;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Retention;

/// <summary>
/// Attack: log in with a face whose enrolment is past <see cref="FaceVerificationOptions.EnrolmentRetention"/>. The
/// attacker holds a good likeness of the enrolled face and a passed liveness session; retention should have ended the
/// enrolment, but S3's lifecycle rule runs once a day in whole days, the face collection has no retention at all, and
/// the sweeper may not have run. Through the HTTP endpoints, on the local DynamoDB and S3: login answers "not enrolled"
/// the moment retention ends, and after one sweep the face is gone from the collection, the reference from the bucket.
/// </summary>
[NonParallelizable]
public sealed class EnrolmentExpiryAttackTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Test]
    public async Task FaceLogin_EnrolmentPastRetention_NotEnrolledAndFaceGoneAfterSweep()
    {
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        var name = "fv-sec-" + Guid.NewGuid().ToString("N")[..12];
        var collection = new FakeFaceCollection();
        await using var host = await SecurityHost.StartAsync(
            core: o =>
            {
                o.AllowClientChallengeType = true;
                o.EnrolmentRetention = Retention;
            },
            faceVerification: fv => fv
                .UseFaceCollection(collection)
                .UseDynamoDb(o => stack.Configure(o, name))
                .UseS3(o =>
                {
                    stack.Configure(o, name);
                    o.LifecycleRules = S3LifecycleRules.None; // s3rver has no lifecycle API; the point here is what happens before any rule ran
                }));
        await host.Services.GetRequiredService<DynamoDbAttemptStore>().EnsureTableAsync();
        await host.Services.GetRequiredService<S3FrameStore>().EnsureBucketAsync();
        using var alice = host.Client("alice");
        var photo = host.Script.Frame(640, 480, [Face.CenteredAt(0.5, 0.5, 0.3, 0.4).Build()], "alice");
        var enrolled = await alice.EnrolAsync(photo, await alice.PassLivenessAsync(host, "alice"));
        enrolled.StatusCode.Should().Be(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        (await alice.FaceLoginAsync(await alice.PassLivenessAsync(host, "alice"))).Success.Should().BeTrue("within retention the enrolment works");

        host.Time.Advance(Retention + TimeSpan.FromMinutes(1));

        // The reference photo is still in the bucket (no lifecycle rule has run) and the face still in the collection.
        collection.FaceCount("alice").Should().Be(1);
        var login = await alice.FaceLoginAsync(await alice.PassLivenessAsync(host, "alice"));
        login.Success.Should().BeFalse(login.ToString());
        login.Reason.Should().Be("not_enrolled", login.ToString());

        var ended = await host.Services.GetRequiredService<IEnrolmentExpirySweeper>().SweepAsync(default);

        ended.Should().Be(1);
        collection.FaceCount("alice").Should().Be(0, "the face past retention is deleted from the collection");
        using var s3 = stack.S3Client();
        var left = await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = name, Prefix = FrameKeys.EnrolmentPrefix("alice") });
        (left.S3Objects ?? []).Should().BeEmpty("the reference photo and face id are deleted by the sweep, not only hidden");
        (await alice.FaceLoginAsync(await alice.PassLivenessAsync(host, "alice"))).Reason.Should().Be("not_enrolled");
    }
}
