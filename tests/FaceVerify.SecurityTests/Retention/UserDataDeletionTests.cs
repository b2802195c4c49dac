using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.S3;
using FaceVerify.SecurityTests.Attacks;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Retention;

/// <summary>
/// Deletion and retention against the local stack (DynamoDB on dynalite, S3 on s3rver, from tools/local-aws): two
/// users enrol, run sessions and redeem results through the HTTP endpoints; every item written carries a TTL and every
/// object its retention time; after <c>DELETE /users/alice/biometrics</c> a full scan of the table and the bucket finds
/// nothing of alice (but the single-use markers of her used sessions and her attempt counters, which expire), and all of bob.
/// </summary>
[NonParallelizable]
public sealed class UserDataDeletionTests
{
    [Test]
    public async Task DeleteBiometrics_LocalDynamoDbAndS3_NothingOfTheUserLeftEveryItemHasTtl()
    {
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        var name = "fv-sec-" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await SecurityHost.StartAsync(
            core: o => o.AllowClientChallengeType = true,
            faceVerification: fv => fv
                .UseDynamoDb(o => stack.Configure(o, name))
                .UseS3(o => stack.Configure(o, name)));
        await host.Services.GetRequiredService<DynamoDbAttemptStore>().EnsureTableAsync();
        await host.Services.GetRequiredService<S3FrameStore>().EnsureBucketAsync();

        var alice = await ActAsync(host, "alice");
        var bob = await ActAsync(host, "bob");

        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials(stack.AccessKeyId, stack.SecretAccessKey), new AmazonDynamoDBConfig { ServiceURL = stack.DynamoDb });
        using var s3 = stack.S3Client();
        var before = await ScanAsync(dynamo, name);
        var objects = await ListAsync(s3, name);
        TestContext.Out.WriteLine($"before deletion: {before.Count} items, {objects.Count} objects");
        before.Should().OnlyContain(item => item.ContainsKey("ttl") && long.Parse(item["ttl"].N, System.Globalization.CultureInfo.InvariantCulture) > 0, "every item carries a TTL");
        foreach (var key in objects)
        {
            var metadata = await s3.GetObjectMetadataAsync(name, key);
            metadata.Metadata["retain-until"].Should().NotBeNullOrEmpty($"object {key} carries its retention time");
        }

        Mentions(before, objects, alice).Should().NotBeEmpty("the scan must be able to see alice's data");

        using (var client = host.Client("alice"))
        {
            var response = await client.DeleteAsync($"{SecurityHost.Prefix}/users/alice/biometrics");
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var after = await ScanAsync(dynamo, name);
        var objectsAfter = await ListAsync(s3, name);
        TestContext.Out.WriteLine($"after deletion: {after.Count} items, {objectsAfter.Count} objects");
        // Kept on purpose: the single-use markers of used sessions ("T#result:<session id>": redeemed, logged in with or
        // enrolled with), so that a session's proof can never be used again; they hold no user id and expire with the
        // session's retention. And the attempt counters ("A#user:alice", "A#enrol:user:alice"), so that deleting one's
        // data does not reset one's lockout; they expire when their window ends.
        var now = host.Time.GetUtcNow();
        var kept = after.Where(item => item["PK"].S.StartsWith("T#result:", StringComparison.Ordinal) || item["PK"].S.StartsWith("A#", StringComparison.Ordinal)).ToList();
        kept.Where(item => item["PK"].S.StartsWith("T#", StringComparison.Ordinal)).Should().OnlyContain(item => item.Count == 3 && Ttl(item) <= now.AddHours(24).ToUnixTimeSeconds());
        kept.Where(item => item["PK"].S.StartsWith("A#", StringComparison.Ordinal)).Should().OnlyContain(item => Ttl(item) <= now.AddMinutes(15).ToUnixTimeSeconds());
        Mentions(after.Except(kept).ToList(), objectsAfter, alice).Should().BeEmpty();
        Mentions(after, objectsAfter, bob).Should().HaveCount(Mentions(before, objects, bob).Count, "another user's data stays");
    }

    /// <summary>Enrols, passes a nose session, redeems its result, fails a pose session. Returns what identifies the user's data.</summary>
    private static async Task<string[]> ActAsync(SecurityHost host, string user)
    {
        using var client = host.Client(user);
        var photo = host.Script.Frame(640, 480, [Face.CenteredAt(0.5, 0.5, 0.3, 0.4).Build()], user);
        var enrolSession = await client.PassLivenessAsync(host, user);
        var enrolled = await client.EnrolAsync(photo, enrolSession);
        enrolled.StatusCode.Should().Be(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());

        var passed = await client.StartAsync(host, type: "nose");
        var verdict = await client.PlayAsync(host, passed, NoseSequences.Genuine(passed.Nose()), person: user);
        verdict.Success.Should().BeTrue(verdict.ToString());
        var redeemed = await client.PostAsync($"{SecurityHost.Prefix}/results/redeem", SecurityHost.Json(new { resultToken = verdict.ResultToken }));
        redeemed.StatusCode.Should().Be(HttpStatusCode.OK);
        var failed = await client.StartAsync(host, type: "pose");
        (await client.PlayAsync(host, failed, PoseSequences.SecondPersonAppears(failed.Pose()), person: user)).Success.Should().BeFalse();
        return [user, FrameKeys.OpaqueUserId(user), enrolSession, passed.Id, failed.Id];
    }

    private static long Ttl(Dictionary<string, AttributeValue> item) => long.Parse(item["ttl"].N, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Mentions(List<Dictionary<string, AttributeValue>> items, List<string> objects, string[] identifiers)
    {
        var found = new List<string>();
        foreach (var item in items)
        {
            var text = string.Join("|", item.Select(a => $"{a.Key}={a.Value.S}{a.Value.N}"));
            if (identifiers.Any(id => text.Contains(id, StringComparison.Ordinal)))
            {
                found.Add("item " + text[..Math.Min(text.Length, 160)]);
            }
        }

        found.AddRange(objects.Where(key => identifiers.Any(id => key.Contains(id, StringComparison.Ordinal))).Select(key => "object " + key));
        return found;
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(AmazonDynamoDBClient dynamo, string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }

    private static async Task<List<string>> ListAsync(AmazonS3Client s3, string bucket)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
