using System.Globalization;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>
/// <see cref="IAttemptStore"/> on one DynamoDB table (string keys <c>PK</c>/<c>SK</c>, TTL attribute <c>ttl</c>); the
/// single-table design is documented in docs/aws.md. Every state change is a conditional write; reads that decisions
/// depend on are strongly consistent; every item carries <c>ttl</c> (epoch seconds) from its retention time, and items
/// past their retention are treated as absent before DynamoDB's TTL sweep removes them.
/// </summary>
public sealed partial class DynamoDbAttemptStore : IAttemptStore
{
    private const string SessionSk = "SESSION";
    private const string FramePrefix = "FRAME#";
    private const string HashPrefix = "HASH#";
    private const string TokenSk = "TOKEN";
    private const string LockSk = "LOCK";
    private const string MarkerPrefix = "MARK#";
    private const string Created = nameof(SessionStatus.Created);
    private const string Collecting = nameof(SessionStatus.Collecting);

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    /// <param name="dynamo">The DynamoDB client.</param>
    /// <param name="options">The options (table name).</param>
    /// <param name="timeProvider">The clock that decides whether an item is past its retention.</param>
    /// <param name="logger">The logger.</param>
    public DynamoDbAttemptStore(IAmazonDynamoDB dynamo, IOptions<DynamoDbOptions> options, TimeProvider timeProvider, ILogger<DynamoDbAttemptStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dynamo = dynamo;
        _table = options.Value.TableName;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Creates the table (on-demand capacity, keys <c>PK</c>/<c>SK</c>) when it does not exist, waits until it is ACTIVE,
    /// and enables TTL on <c>ttl</c>. For development and tests; create the table with infrastructure code in production.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the table was created.</returns>
    public async Task<bool> EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        var created = false;
        try
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
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("EnsureTable", exception);
        }

        return created;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id);
        try
        {
            // The user index item goes first, so that a user's erasure never misses a session that exists.
            var index = new Dictionary<string, AttributeValue>
            {
                ["PK"] = S(UserPk(session.UserId)),
                ["SK"] = S(SessionPk(session.Id)),
                ["ttl"] = N(Ttl(session.RetainUntil)),
            };
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = index }, cancellationToken).ConfigureAwait(false);

            // The expiry index item too (see DynamoDbAttemptStore.Expiry.cs): the sweeper never misses a session that exists.
            await PutExpiryEntryAsync(session, cancellationToken).ConfigureAwait(false);
            try
            {
                await _dynamo.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = _table,
                        Item = SessionItem(session),
                        ConditionExpression = "attribute_not_exists(PK) OR #ttl < :now",
                        ExpressionAttributeNames = new() { ["#ttl"] = "ttl" },
                        ExpressionAttributeValues = new() { [":now"] = N(NowSeconds()) },
                    },
                    cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                var existing = await ReadSessionAsync(session.Id, cancellationToken).ConfigureAwait(false);
                if (existing is null || !string.Equals(existing.UserId, session.UserId, StringComparison.Ordinal))
                {
                    await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = Key(UserPk(session.UserId), SessionPk(session.Id)) }, cancellationToken).ConfigureAwait(false);
                }

                return false;
            }
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryCreateSession", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        try
        {
            return await ReadSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("GetSession", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrames);
        try
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
            try
            {
                var reservation = new Dictionary<string, AttributeValue>(hashKey) { ["ttl"] = N(Ttl(frame.RetainUntil)) };
                await _dynamo.PutItemAsync(
                    new PutItemRequest { TableName = _table, Item = reservation, ConditionExpression = "attribute_not_exists(PK)" },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                return new FrameAppendResult(FrameAppendStatus.Duplicate, -1);
            }

            // 2. Take the next sequence with a conditional counter increment.
            int sequence;
            try
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
            }
            catch (ConditionalCheckFailedException)
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
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryAppendFrame", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentNullException.ThrowIfNull(analysis);
        try
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
        }
        catch (ConditionalCheckFailedException)
        {
            // Analysed already (the first analysis stays), or no such frame.
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("SaveAnalysis", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        try
        {
            if (await ReadSessionAsync(sessionId, cancellationToken).ConfigureAwait(false) is null)
            {
                return [];
            }

            var now = _timeProvider.GetUtcNow();
            var items = await QueryAsync(SessionPk(sessionId), FramePrefix, keysOnly: false, cancellationToken).ConfigureAwait(false);
            return items.Select(item => ToFrame(sessionId, item)).Where(f => f.RetainUntil > now).ToArray();
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("GetFrames", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        try
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
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryMarkDecided", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status is not (SessionStatus.Passed or SessionStatus.Failed or SessionStatus.Expired))
        {
            throw new ArgumentException($"A session completes with Passed, Failed or Expired, not {outcome.Status}.", nameof(outcome));
        }

        try
        {
            var updated = await _dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(SessionPk(sessionId), SessionSk),
                    UpdateExpression = "SET #status = :status, Outcome = :outcome, CompletedAt = :completedAt",
                    ConditionExpression = "attribute_exists(PK) AND #status IN (:created, :collecting) AND #ttl > :now",
                    ExpressionAttributeNames = new() { ["#status"] = "Status", ["#ttl"] = "ttl" },
                    ExpressionAttributeValues = new()
                    {
                        [":status"] = S(outcome.Status.ToString()),
                        [":outcome"] = S(JsonSerializer.Serialize(outcome, DynamoDbItemJson.Options)),
                        [":completedAt"] = S(Time(completedAt)),
                        [":created"] = S(Created),
                        [":collecting"] = S(Collecting),
                        [":now"] = N(NowSeconds()),
                    },
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken).ConfigureAwait(false);
            return ToSession(updated.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            try
            {
                return await ReadSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException exception)
            {
                throw Fault("CompleteSession", exception);
            }
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("CompleteSession", exception);
        }
    }

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
        try
        {
            if (limit > 0)
            {
                try
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
                    return new AttemptCount(true, Int(updated.Attributes["AttemptCount"]), windowEnd);
                }
                catch (ConditionalCheckFailedException)
                {
                    // At the limit: report the count below.
                }
            }

            var item = await GetAsync(itemKey, cancellationToken).ConfigureAwait(false);
            var count = item is not null && item.TryGetValue("AttemptCount", out var value) ? Int(value) : 0;
            return new AttemptCount(false, count, windowEnd);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryCountAttempt", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        try
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
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryRedeemToken", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        try
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
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("GetSessionIdsForUser", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        try
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
            foreach (var batch in doomed.Chunk(25))
            {
                var writes = batch.Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key(k["PK"].S, k["SK"].S) } }).ToList();
                var pending = new Dictionary<string, List<WriteRequest>> { [_table] = writes };
                for (var attempt = 0; pending.Count > 0 && pending.TryGetValue(_table, out var left) && left.Count > 0; attempt++)
                {
                    if (attempt > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50 * Math.Min(attempt, 20)), _timeProvider, cancellationToken).ConfigureAwait(false);
                    }

                    var response = await _dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken).ConfigureAwait(false);
                    pending = response.UnprocessedItems ?? [];
                }
            }

            LogUserDataDeleted(_logger, doomed.Count);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("DeleteUserData", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(lockId);
        try
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
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryAcquireUserLock", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(lockId);
        try
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
        }
        catch (ConditionalCheckFailedException)
        {
            // Another holder's lock (ours expired and was taken), or none: nothing to release.
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("ReleaseUserLock", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var item = new Dictionary<string, AttributeValue>(Key(UserPk(userId), MarkerPrefix + name))
            {
                ["ExpiresAtMs"] = N(expiresAt.ToUnixTimeMilliseconds()),
                ["ttl"] = N(Ttl(expiresAt)),
            };
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("SetUserMarker", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
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
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("TryConsumeUserMarker", exception);
        }
    }

    private async Task<ChallengeSession?> ReadSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        var item = await GetAsync(Key(SessionPk(sessionId), SessionSk), cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var session = ToSession(item);
        return session.RetainUntil > _timeProvider.GetUtcNow() ? session : null;
    }

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

    private static Dictionary<string, AttributeValue> SessionItem(ChallengeSession session)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["PK"] = S(SessionPk(session.Id)),
            ["SK"] = S(SessionSk),
            ["UserId"] = S(session.UserId),
            ["ChallengeType"] = S(session.ChallengeType),
            ["Parameters"] = S(session.Parameters.GetRawText()),
            ["FrameWidth"] = N(session.FrameWidth),
            ["FrameHeight"] = N(session.FrameHeight),
            ["CreatedAt"] = S(Time(session.CreatedAt)),
            ["ExpiresAt"] = S(Time(session.ExpiresAt)),
            ["RetainUntil"] = S(Time(session.RetainUntil)),
            ["Status"] = S(session.Status.ToString()),
            ["FrameCount"] = N(session.FrameCount),
            ["ttl"] = N(Ttl(session.RetainUntil)),
        };
        if (session.DecidedAtFrame is { } decided)
        {
            item["DecidedAtFrame"] = N(decided);
        }

        if (session.Outcome is { } outcome)
        {
            item["Outcome"] = S(JsonSerializer.Serialize(outcome, DynamoDbItemJson.Options));
        }

        if (session.CompletedAt is { } completed)
        {
            item["CompletedAt"] = S(Time(completed));
        }

        return item;
    }

    private static ChallengeSession ToSession(Dictionary<string, AttributeValue> item)
    {
        using var parameters = JsonDocument.Parse(item["Parameters"].S);
        return new ChallengeSession
        {
            Id = item["PK"].S["S#".Length..],
            UserId = item["UserId"].S,
            ChallengeType = item["ChallengeType"].S,
            Parameters = parameters.RootElement.Clone(),
            FrameWidth = Int(item["FrameWidth"]),
            FrameHeight = Int(item["FrameHeight"]),
            CreatedAt = ParseTime(item["CreatedAt"].S),
            ExpiresAt = ParseTime(item["ExpiresAt"].S),
            RetainUntil = ParseTime(item["RetainUntil"].S),
            Status = Enum.Parse<SessionStatus>(item["Status"].S),
            FrameCount = Int(item["FrameCount"]),
            DecidedAtFrame = item.TryGetValue("DecidedAtFrame", out var decided) ? Int(decided) : null,
            Outcome = item.TryGetValue("Outcome", out var outcome) ? JsonSerializer.Deserialize<SessionOutcome>(outcome.S, DynamoDbItemJson.Options) : null,
            CompletedAt = item.TryGetValue("CompletedAt", out var completed) ? ParseTime(completed.S) : null,
        };
    }

    private static Dictionary<string, AttributeValue> FrameItem(FrameRecord frame)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["PK"] = S(SessionPk(frame.SessionId)),
            ["SK"] = S(FrameSk(frame.Sequence)),
            ["Sequence"] = N(frame.Sequence),
            ["ReceivedAt"] = S(Time(frame.ReceivedAt)),
            ["ContentHash"] = S(frame.ContentHash),
            ["StorageKey"] = S(frame.StorageKey),
            ["Format"] = S(frame.Format.ToString()),
            ["Length"] = N(frame.Length),
            ["RetainUntil"] = S(Time(frame.RetainUntil)),
            ["ttl"] = N(Ttl(frame.RetainUntil)),
        };
        if (frame.Analysis is { } analysis)
        {
            item["Analysis"] = S(DynamoDbItemJson.SerializeAnalysis(analysis));
        }

        return item;
    }

    private static FrameRecord ToFrame(string sessionId, Dictionary<string, AttributeValue> item) => new()
    {
        SessionId = sessionId,
        Sequence = Int(item["Sequence"]),
        ReceivedAt = ParseTime(item["ReceivedAt"].S),
        ContentHash = item["ContentHash"].S,
        StorageKey = item["StorageKey"].S,
        Format = Enum.Parse<ImageFormat>(item["Format"].S),
        Length = Int(item["Length"]),
        RetainUntil = ParseTime(item["RetainUntil"].S),
        Analysis = item.TryGetValue("Analysis", out var analysis) ? DynamoDbItemJson.DeserializeAnalysis(analysis.S) : null,
    };

    private FaceVerificationException Fault(string operation, AmazonServiceException exception)
    {
        LogFault(_logger, operation, exception.ErrorCode, _table);
        var hint = exception.ErrorCode switch
        {
            "ResourceNotFoundException" => $" The table '{_table}' does not exist in this region: create it (docs/aws.md) or fix FaceVerify:DynamoDb:TableName / Region.",
            "AccessDeniedException" => $" Grant the DynamoDB actions on table '{_table}' in the IAM policy (docs/aws.md).",
            _ => string.Empty,
        };
        return new FaceVerificationException($"DynamoDB {operation} on table '{_table}' failed ({exception.ErrorCode}).{hint}", exception);
    }

    private long NowSeconds() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    private static string SessionPk(string sessionId) => "S#" + sessionId;

    private static string UserPk(string userId) => "U#" + userId;

    private static string CounterPk(string key) => "A#" + key;

    private static string TokenPk(string tokenId) => "T#" + tokenId;

    private static string FrameSk(int sequence) => FramePrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new() { ["PK"] = S(pk), ["SK"] = S(sk) };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static int Int(AttributeValue value) => int.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static long Ttl(DateTimeOffset retainUntil) => (retainUntil.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "DynamoDB {Operation} on table {Table} failed with {Code}")]
    private static partial void LogFault(ILogger logger, string operation, string code, string table);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "TTL could not be enabled on table {Table} ({Code}); enable it on attribute 'ttl' with infrastructure code")]
    private static partial void LogTtlNotEnabled(ILogger logger, string table, string code);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Deleted {Count} items of one user's data")]
    private static partial void LogUserDataDeleted(ILogger logger, int count);
}
