using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>What the mouth must show in a <see cref="RequestedPose"/>. JSON uses the reference's names (<c>"CLOSED"</c>, <c>"SMILE"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PoseMouth>))]
public enum PoseMouth
{
    /// <summary>Neither smiling nor open (<c>"CLOSED"</c>).</summary>
    [JsonStringEnumMemberName("CLOSED")]
    Closed,

    /// <summary>Smiling with the mouth open (<c>"SMILE"</c>).</summary>
    [JsonStringEnumMemberName("SMILE")]
    Smile,
}
