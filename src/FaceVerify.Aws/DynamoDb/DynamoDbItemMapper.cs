using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using static FaceVerify.Aws.DynamoDb.DynamoDbItems;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>Maps <see cref="ChallengeSession"/> and <see cref="FrameRecord"/> to DynamoDB items and back (the attribute layout is in docs/aws.md).</summary>
internal static class DynamoDbItemMapper
{
    internal static Dictionary<string, AttributeValue> SessionItem(ChallengeSession session)
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

    internal static ChallengeSession ToSession(Dictionary<string, AttributeValue> item)
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

    internal static Dictionary<string, AttributeValue> FrameItem(FrameRecord frame)
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

    internal static FrameRecord ToFrame(string sessionId, Dictionary<string, AttributeValue> item) => new()
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
}
