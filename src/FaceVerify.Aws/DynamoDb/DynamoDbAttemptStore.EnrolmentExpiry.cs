using System.Security.Cryptography;
using System.Text;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>
/// The store's <see cref="IEnrolmentExpiryIndex"/>, built like the session expiry index: an entry per indexed face in a
/// partition per UTC day of its expiry (<c>PK = XE#yyyy-MM-dd</c>, <c>SK = {expiresAt}#{entry hash}</c>, attributes
/// <c>UserId</c> and <c>FaceId</c>), so the sweeper queries the few day partitions between a stored cursor
/// (<c>XE#CURSOR</c>, moved forward past days that are over and empty by a conditional write) and now. A back-pointer
/// in the user's partition (<c>U#{userId}</c>, <c>SK = E#{expiresAt}#{entry hash}</c>) lets the erasure path remove the
/// user's entries. Entries carry <c>ttl</c> = expiry + <see cref="EnrolmentEntryGrace"/>: they outlive the enrolment so
/// that a sweeper that was down for a while still finds the faces to delete.
/// </summary>
public sealed partial class DynamoDbAttemptStore : IEnrolmentExpiryIndex
{
    /// <summary>How long an enrolment expiry entry outlives the enrolment before DynamoDB's TTL may remove it.</summary>
    internal static readonly TimeSpan EnrolmentEntryGrace = TimeSpan.FromDays(30);

    private const string EnrolmentExpiryPrefix = "XE#";
    private const string EnrolmentCursorPk = "XE#CURSOR";
    private const string EnrolmentPointerPrefix = "E#";
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>How far back the first sweep looks when no cursor is stored yet.</summary>
    private static readonly TimeSpan FirstEnrolmentSweepLookback = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public async ValueTask AddEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.UserId);
        ArgumentNullException.ThrowIfNull(entry.FaceId);
        await CallAsync("AddEnrolment", async () =>
        {
            var ttl = N(Ttl(entry.ExpiresAt + EnrolmentEntryGrace));

            // The back-pointer first: an erasure never misses an entry that exists.
            var pointer = Key(UserPk(entry.UserId), EnrolmentPointerPrefix + EnrolmentSk(entry));
            pointer["ttl"] = ttl;
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = pointer }, cancellationToken).ConfigureAwait(false);
            var item = EnrolmentKey(entry);
            item["UserId"] = S(entry.UserId);
            item["FaceId"] = S(entry.FaceId);
            item["ExpiresAt"] = S(Time(entry.ExpiresAt));
            item["ttl"] = ttl;
            await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ExpiringEnrolment>> GetExpiredEnrolmentsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await CallAsync("GetExpiredEnrolments", async () =>
        {
            var cursorItem = await GetAsync(Key(EnrolmentCursorPk, CursorSk), cancellationToken).ConfigureAwait(false);
            string? storedCursor = cursorItem is not null && cursorItem.TryGetValue("Day", out var day) ? day.S : null;
            var start = storedCursor is null ? Day(now - FirstEnrolmentSweepLookback) : ParseDay(storedCursor);
            var last = Day(now);
            var upper = Time(now) + "$"; // '$' sorts after '#': every entry that expired at or before now
            var found = new List<ExpiringEnrolment>();
            DateTimeOffset? advanceTo = null;
            var contiguous = true;
            for (var d = start; d <= last && found.Count < limit; d = d.AddDays(1))
            {
                var page = await _dynamo.QueryAsync(
                    new QueryRequest
                    {
                        TableName = _table,
                        ConsistentRead = true,
                        KeyConditionExpression = "PK = :pk AND SK < :upper",
                        ExpressionAttributeValues = new() { [":pk"] = S(EnrolmentExpiryPrefix + FormatDay(d)), [":upper"] = S(upper) },
                        Limit = limit - found.Count,
                    },
                    cancellationToken).ConfigureAwait(false);
                found.AddRange(page.Items.Select(i => new ExpiringEnrolment(i["UserId"].S, i["FaceId"].S, ParseTime(i["ExpiresAt"].S))));
                var empty = page.Items.Count == 0 && (page.LastEvaluatedKey is null || page.LastEvaluatedKey.Count == 0);
                if (contiguous && empty && d < last)
                {
                    advanceTo = d.AddDays(1);
                }
                else
                {
                    contiguous = false;
                }
            }

            if (advanceTo is { } next)
            {
                await AdvanceEnrolmentCursorAsync(storedCursor, FormatDay(next), cancellationToken).ConfigureAwait(false);
            }

            return (IReadOnlyList<ExpiringEnrolment>)found;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ContainsEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.UserId);
        return await CallAsync("ContainsEnrolment", async () => await GetAsync(EnrolmentKey(entry), cancellationToken).ConfigureAwait(false) is not null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.UserId);
        await CallAsync("RemoveEnrolment", async () =>
        {
            await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = EnrolmentKey(entry) }, cancellationToken).ConfigureAwait(false);
            await _dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = Key(UserPk(entry.UserId), EnrolmentPointerPrefix + EnrolmentSk(entry)) }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The index entries a user's back-pointers name, with the pointers themselves (the erasure path).</summary>
    private async Task<IEnumerable<Dictionary<string, AttributeValue>>> EnrolmentEntriesOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        var pointers = await QueryAsync(UserPk(userId), EnrolmentPointerPrefix, keysOnly: true, cancellationToken).ConfigureAwait(false);
        return pointers.SelectMany(p =>
        {
            var sk = p["SK"].S[EnrolmentPointerPrefix.Length..];
            var expiresAt = ParseTime(sk[..sk.LastIndexOf('#')]);
            return new[] { p, Key(EnrolmentExpiryPrefix + FormatDay(Day(expiresAt)), sk) };
        });
    }

    private async Task AdvanceEnrolmentCursorAsync(string? expected, string next, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = new() { ["PK"] = S(EnrolmentCursorPk), ["SK"] = S(CursorSk), ["Day"] = S(next) },
        };
        if (expected is null)
        {
            request.ConditionExpression = "attribute_not_exists(PK)";
        }
        else
        {
            request.ConditionExpression = "#day = :expected";
            request.ExpressionAttributeNames = new() { ["#day"] = "Day" };
            request.ExpressionAttributeValues = new() { [":expected"] = S(expected) };
        }

        // When the condition fails, another sweeper moved the cursor first; the next sweep reads it.
        await ConditionHoldsAsync(() => _dynamo.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    private static Dictionary<string, AttributeValue> EnrolmentKey(ExpiringEnrolment entry)
        => Key(EnrolmentExpiryPrefix + FormatDay(Day(entry.ExpiresAt)), EnrolmentSk(entry));

    /// <summary><c>{expiresAt}#{hash}</c>: the hash of user and face id keeps entries of one instant apart without putting the user id in the key.</summary>
    private static string EnrolmentSk(ExpiringEnrolment entry)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(entry.UserId + "\0" + entry.FaceId));
        return Time(entry.ExpiresAt) + "#" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static DateTimeOffset Day(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private static string FormatDay(DateTimeOffset day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDay(string value)
        => DateTimeOffset.ParseExact(value, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
