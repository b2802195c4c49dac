namespace FaceVerify.Aws.DynamoDb;

// Attempt counters and single-use tokens.
public sealed partial class DynamoDbAttemptStore
{
    /// <inheritdoc />
    public async ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var startTicks = sinceEpoch - (((sinceEpoch % window.Ticks) + window.Ticks) % window.Ticks);
        var windowEnd = DateTimeOffset.UnixEpoch.AddTicks(startTicks) + window;
        var itemKey = Key(CounterPk(key), string.Create(CultureInfo.InvariantCulture, $"W#{window.Ticks}#{startTicks}"));
        return await CallAsync("TryCountAttempt", async () =>
        {
            if (limit > 0)
            {
                var counted = -1;
                var below = await ConditionHoldsAsync(async () =>
                {
                    var updated = await _dynamo.UpdateItemAsync(
                        new UpdateItemRequest
                        {
                            TableName = _table,
                            Key = itemKey,
                            UpdateExpression = "ADD AttemptCount :one SET #ttl = :ttl",
                            ConditionExpression = "attribute_not_exists(AttemptCount) OR AttemptCount < :limit",
                            ExpressionAttributeNames = new() { ["#ttl"] = "ttl" },
                            ExpressionAttributeValues = new() { [":one"] = N(1), [":limit"] = N(limit), [":ttl"] = N(Ttl(windowEnd)) },
                            ReturnValues = ReturnValue.UPDATED_NEW,
                        },
                        cancellationToken).ConfigureAwait(false);
                    counted = Int(updated.Attributes["AttemptCount"]);
                }).ConfigureAwait(false);
                if (below)
                {
                    return new AttemptCount(true, counted, windowEnd);
                }

                // At the limit: report the count below.
            }

            var item = await GetAsync(itemKey, cancellationToken).ConfigureAwait(false);
            var count = item is not null && item.TryGetValue("AttemptCount", out var value) ? Int(value) : 0;
            return new AttemptCount(false, count, windowEnd);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return await TryWriteAsync("TryRedeemToken", async () =>
        {
            var item = new Dictionary<string, AttributeValue>(Key(TokenPk(tokenId), TokenSk)) { ["ttl"] = N(Ttl(retainUntil)) };
            await _dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(PK) OR #ttl < :now",
                    ExpressionAttributeNames = new() { ["#ttl"] = "ttl" },
                    ExpressionAttributeValues = new() { [":now"] = N(NowSeconds()) },
                },
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
