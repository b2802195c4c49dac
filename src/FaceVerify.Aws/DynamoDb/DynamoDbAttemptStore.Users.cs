namespace FaceVerify.Aws.DynamoDb;

// Per-user data: the session index, erasure, the user lock, user markers.
public sealed partial class DynamoDbAttemptStore
{
    /// <summary>How many BatchWriteItem calls an erasure makes for one batch whose items DynamoDB leaves unprocessed (back-off 50 ms doubling to 1.6 s between them).</summary>
    internal const int MaxUnprocessedRetries = 8;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return await CallAsync("GetSessionIdsForUser", async () =>
        {
            var ids = new List<string>();
            foreach (var item in await QueryAsync(UserPk(userId), "S#", keysOnly: true, cancellationToken).ConfigureAwait(false))
            {
                var sessionId = item["SK"].S["S#".Length..];
                var session = await ReadSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
                if (session is not null && string.Equals(session.UserId, userId, StringComparison.Ordinal))
                {
                    ids.Add(sessionId);
                }
            }

            return ids;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await CallAsync("DeleteUserData", async () =>
        {
            var doomed = new List<Dictionary<string, AttributeValue>>();
            var index = await QueryAsync(UserPk(userId), "S#", keysOnly: true, cancellationToken).ConfigureAwait(false);
            foreach (var entry in index)
            {
                var sessionId = entry["SK"].S["S#".Length..];
                var session = await GetAsync(Key(SessionPk(sessionId), SessionSk), cancellationToken).ConfigureAwait(false);
                if (session is null || string.Equals(session["UserId"].S, userId, StringComparison.Ordinal))
                {
                    doomed.AddRange(await QueryAsync(SessionPk(sessionId), null, keysOnly: true, cancellationToken).ConfigureAwait(false));
                    if (session is not null && session.TryGetValue("ExpiresAt", out var expiresAt))
                    {
                        doomed.Add(ExpiryKey(sessionId, ParseTime(expiresAt.S)));
                    }
                }

                doomed.Add(entry);
            }

            // Attempt counters stay (deleting one's data must not reset one's lockout); the user's markers go.
            doomed.AddRange(await QueryAsync(UserPk(userId), MarkerPrefix, keysOnly: true, cancellationToken).ConfigureAwait(false));
            doomed.AddRange(await EnrolmentEntriesOfUserAsync(userId, cancellationToken).ConfigureAwait(false));
            foreach (var batch in doomed.Chunk(25))
            {
                var writes = batch.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(k["PK"].S, k["SK"].S) } }).ToList();
                var pending = new Dictionary<string, List<WriteRequest>> { [_table] = writes };
                for (var attempt = 0; pending.Count > 0 && pending.TryGetValue(_table, out var left) && left.Count > 0; attempt++)
                {
                    // Bounded: a table that keeps refusing (throttled far beyond the SDK's retries) fails the erasure
                    // loudly; the caller's retry deletes what is left (every step of the erasure is idempotent).
                    if (attempt == MaxUnprocessedRetries)
                    {
                        throw new FaceVerificationException($"DynamoDB BatchWriteItem on table '{_table}' left {left.Count} of {batch.Length} deletions of one user's data unprocessed after {MaxUnprocessedRetries} attempts; the erasure is incomplete: retry it.");
                    }

                    if (attempt > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << Math.Min(attempt - 1, 5))), _timeProvider, cancellationToken).ConfigureAwait(false);
                    }

                    var response = await _dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken).ConfigureAwait(false);
                    pending = response.UnprocessedItems ?? [];
                }
            }

            LogUserDataDeleted(_logger, doomed.Count);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(lockId);
        return await TryWriteAsync("TryAcquireUserLock", async () =>
        {
            var item = new Dictionary<string, AttributeValue>(Key(UserPk(userId), LockSk))
            {
                ["LockId"] = S(lockId),
                ["ExpiresAtMs"] = N(expiresAt.ToUnixTimeMilliseconds()),
                ["ttl"] = N(Ttl(expiresAt)),
            };
            await _dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(PK) OR ExpiresAtMs <= :now OR LockId = :id",
                    ExpressionAttributeValues = new() { [":now"] = N(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds()), [":id"] = S(lockId) },
                },
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(lockId);
        // Another holder's lock (ours expired and was taken), or none: nothing to release.
        await TryWriteAsync("ReleaseUserLock", async () =>
        {
            await _dynamo.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table,
                    Key = Key(UserPk(userId), LockSk),
                    ConditionExpression = "LockId = :id",
                    ExpressionAttributeValues = new() { [":id"] = S(lockId) },
                },
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        await CallAsync("SetUserMarker", async () =>
        {
            var item = new Dictionary<string, AttributeValue>(Key(UserPk(userId), MarkerPrefix + name))
            {
                ["ExpiresAtMs"] = N(expiresAt.ToUnixTimeMilliseconds()),
                ["ttl"] = N(Ttl(expiresAt)),
            };
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return await TryWriteAsync("TryConsumeUserMarker", async () =>
        {
            await _dynamo.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table,
                    Key = Key(UserPk(userId), MarkerPrefix + name),
                    ConditionExpression = "attribute_exists(PK) AND ExpiresAtMs > :now",
                    ExpressionAttributeValues = new() { [":now"] = N(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds()) },
                },
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
