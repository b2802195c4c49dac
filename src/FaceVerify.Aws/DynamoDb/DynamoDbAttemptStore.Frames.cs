namespace FaceVerify.Aws.DynamoDb;

// Frames: append (hash reservation, sequence counter), analyses, the decided mark.
public sealed partial class DynamoDbAttemptStore
{
    /// <inheritdoc />
    public async ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrames);
        return await CallAsync("TryAppendFrame", async () =>
        {
            var session = await ReadSessionAsync(frame.SessionId, cancellationToken).ConfigureAwait(false);
            if (session is null)
            {
                return new FrameAppendResult(FrameAppendStatus.SessionNotFound, -1);
            }

            if (session.IsFinal || session.DecidedAtFrame is not null)
            {
                return new FrameAppendResult(FrameAppendStatus.SessionClosed, -1);
            }

            // 1. Reserve the content hash (refuses duplicates, also under concurrency).
            var hashKey = Key(SessionPk(frame.SessionId), HashPrefix + frame.ContentHash);
            var reservation = new Dictionary<string, AttributeValue>(hashKey) { ["ttl"] = N(Ttl(frame.RetainUntil)) };
            var reserved = await ConditionHoldsAsync(() => _dynamo.PutItemAsync(
                new PutItemRequest { TableName = _table, Item = reservation, ConditionExpression = "attribute_not_exists(PK)" },
                cancellationToken)).ConfigureAwait(false);
            if (!reserved)
            {
                return new FrameAppendResult(FrameAppendStatus.Duplicate, -1);
            }

            // 2. Take the next sequence with a conditional counter increment.
            var sequence = -1;
            var taken = await ConditionHoldsAsync(async () =>
            {
                var updated = await _dynamo.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _table,
                        Key = Key(SessionPk(frame.SessionId), SessionSk),
                        UpdateExpression = "SET FrameCount = FrameCount + :one, #status = :collecting",
                        ConditionExpression = "attribute_exists(PK) AND #status IN (:created, :collecting) AND attribute_not_exists(DecidedAtFrame) AND FrameCount < :max",
                        ExpressionAttributeNames = new() { ["#status"] = "Status" },
                        ExpressionAttributeValues = new()
                        {
                            [":one"] = N(1),
                            [":created"] = S(Created),
                            [":collecting"] = S(Collecting),
                            [":max"] = N(maxFrames),
                        },
                        ReturnValues = ReturnValue.UPDATED_NEW,
                    },
                    cancellationToken).ConfigureAwait(false);
                sequence = Int(updated.Attributes["FrameCount"]) - 1;
            }).ConfigureAwait(false);
            if (!taken)
            {
                await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = hashKey }, cancellationToken).ConfigureAwait(false);
                var now = await ReadSessionAsync(frame.SessionId, cancellationToken).ConfigureAwait(false);
                var status = now is null ? FrameAppendStatus.SessionNotFound
                    : now.IsFinal || now.DecidedAtFrame is not null ? FrameAppendStatus.SessionClosed
                    : FrameAppendStatus.TooManyFrames;
                return new FrameAppendResult(status, -1);
            }

            // 3. Write the frame under its sequence (unique: the counter handed it out once).
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = FrameItem(frame with { Sequence = sequence }) }, cancellationToken).ConfigureAwait(false);
            return new FrameAppendResult(FrameAppendStatus.Appended, sequence);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentNullException.ThrowIfNull(analysis);
        // Analysed already (the first analysis stays), or no such frame.
        await TryWriteAsync("SaveAnalysis", async () =>
        {
            await _dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(SessionPk(sessionId), FrameSk(sequence)),
                    UpdateExpression = "SET Analysis = :analysis",
                    ConditionExpression = "attribute_exists(PK) AND attribute_not_exists(Analysis)",
                    ExpressionAttributeValues = new() { [":analysis"] = S(DynamoDbItemJson.SerializeAnalysis(analysis)) },
                },
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return await CallAsync("GetFrames", async () =>
        {
            if (await ReadSessionAsync(sessionId, cancellationToken).ConfigureAwait(false) is null)
            {
                return [];
            }

            var now = _timeProvider.GetUtcNow();
            var items = await QueryAsync(SessionPk(sessionId), FramePrefix, keysOnly: false, cancellationToken).ConfigureAwait(false);
            return items.Select(item => ToFrame(sessionId, item)).Where(f => f.RetainUntil > now).ToArray();
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return await TryWriteAsync("TryMarkDecided", async () =>
        {
            await _dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(SessionPk(sessionId), SessionSk),
                    UpdateExpression = "SET DecidedAtFrame = :sequence",
                    ConditionExpression = "attribute_exists(PK) AND #status = :collecting AND attribute_not_exists(DecidedAtFrame) AND #ttl > :now",
                    ExpressionAttributeNames = new() { ["#status"] = "Status", ["#ttl"] = "ttl" },
                    ExpressionAttributeValues = new() { [":sequence"] = N(sequence), [":collecting"] = S(Collecting), [":now"] = N(NowSeconds()) },
                },
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
