namespace FaceVerify.Aws.DynamoDb;

// Consistent reads shared by the operations.
public sealed partial class DynamoDbAttemptStore
{
    private async Task<Dictionary<string, AttributeValue>?> GetAsync(Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string pk, string? skPrefix, bool keysOnly, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _table,
                ConsistentRead = true,
                KeyConditionExpression = skPrefix is null ? "PK = :pk" : "PK = :pk AND begins_with(SK, :prefix)",
                ExpressionAttributeValues = new() { [":pk"] = S(pk) },
                ExclusiveStartKey = start,
            };
            if (skPrefix is not null)
            {
                request.ExpressionAttributeValues[":prefix"] = S(skPrefix);
            }

            if (keysOnly)
            {
                request.ProjectionExpression = "PK, SK";
            }

            var response = await _dynamo.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }
}
