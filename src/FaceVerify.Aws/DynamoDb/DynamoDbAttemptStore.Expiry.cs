namespace FaceVerify.Aws.DynamoDb;

/// <summary>
/// The store's <see cref="ISessionExpiryIndex"/>: each session gets an index item, written before the session item,
/// in a partition per hour of its expiry (<c>PK = X#yyyy-MM-ddTHH</c>, <c>SK = {expiresAt}#{sessionId}</c>, with the
/// session's <c>ttl</c>), so the sweeper queries the few partitions between a stored cursor (<c>X#CURSOR</c>) and now
/// instead of scanning the table. The cursor moves forward past hours that are over and empty, by a conditional write
/// (several sweepers may race; the loser leaves it). Index items hold no user data: a session id and a time.
/// </summary>
public sealed partial class DynamoDbAttemptStore : ISessionExpiryIndex
{
    private const string ExpiryPrefix = "X#";
    private const string CursorPk = "X#CURSOR";
    private const string CursorSk = "CURSOR";
    private const string HourFormat = "yyyy-MM-dd'T'HH";

    /// <summary>How far back the first sweep looks when no cursor is stored yet.</summary>
    private static readonly TimeSpan FirstSweepLookback = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ExpiringSession>> GetExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await CallAsync("GetExpired", async () =>
        {
            var cursorItem = await _dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(CursorPk, CursorSk), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
            string? storedCursor = cursorItem.Item is { Count: > 0 } c && c.TryGetValue("Hour", out var hour) ? hour.S : null;
            var start = storedCursor is null ? Hour(now - FirstSweepLookback) : ParseHour(storedCursor);
            var last = Hour(now);
            var upper = Time(now) + "$"; // '$' sorts after '#': every entry that expired at or before now
            var found = new List<ExpiringSession>();
            DateTimeOffset? advanceTo = null;
            var contiguous = true;
            for (var h = start; h <= last && found.Count < limit; h = h.AddHours(1))
            {
                var page = await _dynamo.QueryAsync(
                    new QueryRequest
                    {
                        TableName = _table,
                        ConsistentRead = true,
                        KeyConditionExpression = "PK = :pk AND SK < :upper",
                        ExpressionAttributeValues = new() { [":pk"] = S(ExpiryPrefix + FormatHour(h)), [":upper"] = S(upper) },
                        Limit = limit - found.Count,
                    },
                    cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    var sk = item["SK"].S;
                    var split = sk.LastIndexOf('#');
                    found.Add(new ExpiringSession(sk[(split + 1)..], ParseTime(sk[..split])));
                }

                var empty = page.Items.Count == 0 && (page.LastEvaluatedKey is null || page.LastEvaluatedKey.Count == 0);
                if (contiguous && empty && h < last)
                {
                    advanceTo = h.AddHours(1);
                }
                else
                {
                    contiguous = false;
                }
            }

            if (advanceTo is { } next)
            {
                await AdvanceCursorAsync(storedCursor, FormatHour(next), cancellationToken).ConfigureAwait(false);
            }

            return found;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(ExpiringSession entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.SessionId);
        await CallAsync("RemoveExpired", async () =>
        {
            await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = ExpiryKey(entry.SessionId, entry.ExpiresAt) }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task PutExpiryEntryAsync(ChallengeSession session, CancellationToken cancellationToken)
    {
        var item = ExpiryKey(session.Id, session.ExpiresAt);
        item["ttl"] = N(Ttl(session.RetainUntil));
        await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    private async Task AdvanceCursorAsync(string? expected, string next, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = new() { ["PK"] = S(CursorPk), ["SK"] = S(CursorSk), ["Hour"] = S(next) },
        };
        if (expected is null)
        {
            request.ConditionExpression = "attribute_not_exists(PK)";
        }
        else
        {
            request.ConditionExpression = "#hour = :expected";
            request.ExpressionAttributeNames = new() { ["#hour"] = "Hour" };
            request.ExpressionAttributeValues = new() { [":expected"] = S(expected) };
        }

        // When the condition fails, another sweeper moved the cursor first; the next sweep reads it.
        await ConditionHoldsAsync(() => _dynamo.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    private static Dictionary<string, AttributeValue> ExpiryKey(string sessionId, DateTimeOffset expiresAt)
        => Key(ExpiryPrefix + FormatHour(Hour(expiresAt)), Time(expiresAt) + "#" + sessionId);

    private static DateTimeOffset Hour(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string FormatHour(DateTimeOffset hour) => hour.ToString(HourFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseHour(string value)
        => DateTimeOffset.ParseExact(value, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
