using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FaceVerify.Cli;

/// <summary>The result of a replay, printed as <c>{"outcome","reason","decidedAtFrame"[,"detail"]}</c>.</summary>
internal sealed record ReplayOutcome(bool Passed, ChallengeReason Reason, int? DecidedAtFrame, string? Detail)
{
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", Passed ? "passed" : "failed");
            writer.WriteString("reason", JsonNamingPolicy.CamelCase.ConvertName(Reason.ToString()));
            if (DecidedAtFrame is { } frame)
            {
                writer.WriteNumber("decidedAtFrame", frame);
            }
            else
            {
                writer.WriteNull("decidedAtFrame");
            }

            if (Detail is not null)
            {
                writer.WriteString("detail", Detail);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
