namespace FaceVerify.Aws.DynamoDb;

// Provisioning: the table, its keys and TTL (development and tests).
public sealed partial class DynamoDbAttemptStore
{
    /// <summary>
    /// Creates the table (on-demand capacity, keys <c>PK</c>/<c>SK</c>) when it does not exist, waits until it is ACTIVE,
    /// and enables TTL on <c>ttl</c>. For development and tests; create the table with infrastructure code in production.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the table was created.</returns>
    public async Task<bool> EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        var created = false;
        await CallAsync("EnsureTable", async () =>
        {
            try
            {
                await _dynamo.CreateTableAsync(
                    new CreateTableRequest
                    {
                        TableName = _table,
                        BillingMode = BillingMode.PAY_PER_REQUEST,
                        AttributeDefinitions = [new AttributeDefinition("PK", ScalarAttributeType.S), new AttributeDefinition("SK", ScalarAttributeType.S)],
                        KeySchema = [new KeySchemaElement("PK", KeyType.HASH), new KeySchemaElement("SK", KeyType.RANGE)],
                    },
                    cancellationToken).ConfigureAwait(false);
                created = true;
            }
            catch (ResourceInUseException)
            {
                // The table exists.
            }

            for (var i = 0; i < 600; i++)
            {
                var described = await _dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, cancellationToken).ConfigureAwait(false);
                if (described.Table.TableStatus == TableStatus.ACTIVE)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await _dynamo.UpdateTimeToLiveAsync(
                    new UpdateTimeToLiveRequest { TableName = _table, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "ttl", Enabled = true } },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonDynamoDBException exception) when (exception.ErrorCode is "UnknownOperationException" || exception.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase) || exception.StatusCode == HttpStatusCode.BadRequest)
            {
                // Local engines (dynalite) lack UpdateTimeToLive; a table whose TTL is already on answers ValidationException.
                LogTtlNotEnabled(_logger, _table, exception.ErrorCode);
            }
        }).ConfigureAwait(false);

        return created;
    }
}
