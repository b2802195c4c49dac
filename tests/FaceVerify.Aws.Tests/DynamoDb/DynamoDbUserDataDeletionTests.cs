using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace FaceVerify.Aws.Tests.DynamoDb;

/// <summary>The erasure's batch deletes against a substitute DynamoDB client that never processes them.</summary>
public class DynamoDbUserDataDeletionTests
{
    [Test]
    public async Task DeleteUserDataAsync_ItemsAlwaysUnprocessed_FailsAfterBoundedAttempts()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.QueryAsync(Arg.Any<QueryRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var request = call.Arg<QueryRequest>();
            var index = request.ExpressionAttributeValues[":pk"].S == "U#alice" && request.ExpressionAttributeValues.TryGetValue(":prefix", out var prefix) && prefix.S == "S#";
            return new QueryResponse
            {
                Items = index ? [new() { ["PK"] = new AttributeValue { S = "U#alice" }, ["SK"] = new AttributeValue { S = "S#s1" } }] : [],
            };
        });
        dynamo.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>()).Returns(new GetItemResponse { Item = [] });
        dynamo.BatchWriteItemAsync(Arg.Any<BatchWriteItemRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => new BatchWriteItemResponse { UnprocessedItems = call.Arg<BatchWriteItemRequest>().RequestItems });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var store = new DynamoDbAttemptStore(dynamo, Options.Create(new DynamoDbOptions { TableName = "faceverify" }), time, NullLogger<DynamoDbAttemptStore>.Instance);

        var deletion = store.DeleteUserDataAsync("alice", default).AsTask();
        for (var i = 0; i < 500 && !deletion.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // the back-off between attempts waits on the store's clock
            await Task.Delay(5);
        }

        deletion.IsCompleted.Should().BeTrue("the erasure gives up after a bounded number of attempts instead of retrying forever");
        var failure = (await FluentActions.Awaiting(() => deletion).Should().ThrowExactlyAsync<FaceVerificationException>()).Which;
        failure.Message.Should().Contain("'faceverify'").And.Contain("unprocessed").And.Contain("retry");
        await dynamo.Received(DynamoDbAttemptStore.MaxUnprocessedRetries).BatchWriteItemAsync(Arg.Any<BatchWriteItemRequest>(), Arg.Any<CancellationToken>());
    }
}
