using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using FaceVerify.Aws.DynamoDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Tests.DynamoDb;

/// <summary>What the DynamoDB store writes, read back with the low-level client (dynalite on the local stack).</summary>
public class DynamoDbAttemptStoreTests
{
    [Test]
    public async Task Items_AfterSessionFlow_EveryItemCarriesTtlFromRetention()
    {
        var store = await DynamoDbTestTable.GetStoreAsync();
        var options = await DynamoDbTestTable.OptionsAsync();
        using var client = AwsClients.CreateDynamoDb(options);
        var now = DateTimeOffset.UtcNow;
        var session = NewSession(now);
        await store.TryCreateSessionAsync(session, CancellationToken.None);
        var frame = NewFrame(session, now, "aa");
        (await store.TryAppendFrameAsync(frame, 10, CancellationToken.None)).Status.Should().Be(FrameAppendStatus.Appended);
        await store.SaveAnalysisAsync(session.Id, 0, new StoredAnalysis([new FaceDetails { Confidence = 99, Pose = new FacePose(1, 2, 3) }], null, now), CancellationToken.None);
        await store.TryCountAttemptAsync("user:" + session.UserId, now, TimeSpan.FromMinutes(10), 5, CancellationToken.None);
        var tokenId = Guid.NewGuid().ToString("N");
        await store.TryRedeemTokenAsync(tokenId, now.AddMinutes(5), CancellationToken.None);

        var items = new List<Dictionary<string, AttributeValue>>();
        foreach (var pk in new[] { "S#" + session.Id, "U#" + session.UserId, "A#user:" + session.UserId, "T#" + tokenId })
        {
            var response = await client.QueryAsync(new QueryRequest
            {
                TableName = DynamoDbTestTable.TableName,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } },
                ConsistentRead = true,
            });
            items.AddRange(response.Items);
        }

        items.Select(i => i["SK"].S).Should().BeEquivalentTo(["SESSION", "FRAME#0000000000", "HASH#aa", "S#" + session.Id, $"W#{TimeSpan.FromMinutes(10).Ticks}#{WindowStartTicks(now, TimeSpan.FromMinutes(10))}", "TOKEN"]);
        foreach (var item in items)
        {
            item.Should().ContainKey("ttl");
            long.Parse(item["ttl"].N, CultureInfo.InvariantCulture).Should().BeGreaterThan(now.ToUnixTimeSeconds(), "ttl is epoch seconds in the future");
        }

        long.Parse(items.Single(i => i["SK"].S == "SESSION")["ttl"].N, CultureInfo.InvariantCulture).Should().Be((long)Math.Ceiling((session.RetainUntil - DateTimeOffset.UnixEpoch).TotalSeconds), "ttl is RetainUntil in epoch seconds, rounded up");
        var analysis = items.Single(i => i["SK"].S == "FRAME#0000000000")["Analysis"].S;
        using var document = JsonDocument.Parse(analysis);
        document.RootElement.GetProperty("Faces")[0].GetProperty("Pose").GetProperty("Yaw").GetDouble().Should().Be(2, "analyses are stored as Rekognition-shaped JSON");
    }

    [Test]
    public async Task TryCreateSession_TableMissing_ThrowsFaceVerificationExceptionNamingTable()
    {
        var options = await DynamoDbTestTable.OptionsAsync();
        options.TableName = "faceverify-missing-table";
        var store = new DynamoDbAttemptStore(AwsClients.CreateDynamoDb(options), Options.Create(options), TimeProvider.System, NullLogger<DynamoDbAttemptStore>.Instance);

        var act = async () => await store.TryCreateSessionAsync(NewSession(DateTimeOffset.UtcNow), CancellationToken.None);

        (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which.Message.Should().Contain("'faceverify-missing-table'");
    }

    [Test]
    public async Task GetSession_PastRetentionBeforeTtlSweep_IsTreatedAsAbsent()
    {
        var store = await DynamoDbTestTable.GetStoreAsync();
        var now = DateTimeOffset.UtcNow;
        var session = NewSession(now) with { CreatedAt = now.AddDays(-2), ExpiresAt = now.AddDays(-2), RetainUntil = now.AddSeconds(-5) };

        await store.TryCreateSessionAsync(session, CancellationToken.None);

        (await store.GetSessionAsync(session.Id, CancellationToken.None)).Should().BeNull();
        (await store.TryAppendFrameAsync(NewFrame(session, now, "bb"), 10, CancellationToken.None)).Status.Should().Be(FrameAppendStatus.SessionNotFound);
    }

    private static long WindowStartTicks(DateTimeOffset now, TimeSpan window)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return sinceEpoch - (sinceEpoch % window.Ticks);
    }

    private static ChallengeSession NewSession(DateTimeOffset now)
    {
        using var parameters = JsonDocument.Parse("""{"target":{"x":0.5,"y":0.5}}""");
        return new ChallengeSession
        {
            Id = "s-" + Guid.NewGuid().ToString("N"),
            UserId = "u-" + Guid.NewGuid().ToString("N"),
            ChallengeType = "nose",
            Parameters = parameters.RootElement.Clone(),
            FrameWidth = 640,
            FrameHeight = 480,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(2),
            RetainUntil = now.AddHours(1).AddMilliseconds(250),
        };
    }

    private static FrameRecord NewFrame(ChallengeSession session, DateTimeOffset now, string hash) => new()
    {
        SessionId = session.Id,
        ReceivedAt = now,
        ContentHash = hash,
        StorageKey = FrameKeys.Frame(session.Id, hash, ImageFormat.Jpeg),
        Format = ImageFormat.Jpeg,
        Length = 1000,
        RetainUntil = session.RetainUntil,
    };
}
