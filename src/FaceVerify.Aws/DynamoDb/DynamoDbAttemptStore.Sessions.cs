namespace FaceVerify.Aws.DynamoDb;

// Sessions: create, read, complete.
public sealed partial class DynamoDbAttemptStore
{
    /// <inheritdoc />
    public async ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id);
        return await CallAsync("TryCreateSession", async () =>
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
            var created = await ConditionHoldsAsync(() => _dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = SessionItem(session),
                    ConditionExpression = "attribute_not_exists(PK) OR #ttl < :now",
                    ExpressionAttributeNames = new() { ["#ttl"] = "ttl" },
                    ExpressionAttributeValues = new() { [":now"] = N(NowSeconds()) },
                },
                cancellationToken)).ConfigureAwait(false);
            if (!created)
            {
                var existing = await ReadSessionAsync(session.Id, cancellationToken).ConfigureAwait(false);
                if (existing is null || !string.Equals(existing.UserId, session.UserId, StringComparison.Ordinal))
                {
                    await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = Key(UserPk(session.UserId), SessionPk(session.Id)) }, cancellationToken).ConfigureAwait(false);
                }
            }

            return created;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return await CallAsync("GetSession", () => ReadSessionAsync(sessionId, cancellationToken)).ConfigureAwait(false);
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

        return await CallAsync("CompleteSession", async () =>
        {
            UpdateItemResponse? updated = null;
            var completed = await ConditionHoldsAsync(async () => updated = await _dynamo.UpdateItemAsync(
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
                cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

            // Completed already (the first outcome stays), or gone: the stored session, or none.
            return completed ? ToSession(updated!.Attributes) : await ReadSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
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
}
