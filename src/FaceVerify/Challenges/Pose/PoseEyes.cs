using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>What the eyes must show in a <see cref="RequestedPose"/>. JSON uses the reference's names (<c>"OPEN"</c>, <c>"LOOKING_LEFT"</c>, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PoseEyes>))]
public enum PoseEyes
{
    /// <summary>Eyes open, any gaze (<c>"OPEN"</c>).</summary>
    [JsonStringEnumMemberName("OPEN")]
    Open,

    /// <summary>Eyes closed (<c>"CLOSED"</c>).</summary>
    [JsonStringEnumMemberName("CLOSED")]
    Closed,

    /// <summary>Eyes open, both pupils in the left 40 % of their eye, in image coordinates (<c>"LOOKING_LEFT"</c>).</summary>
    [JsonStringEnumMemberName("LOOKING_LEFT")]
    LookingLeft,

    /// <summary>Eyes open, both pupils in the right 40 % of their eye, in image coordinates (<c>"LOOKING_RIGHT"</c>).</summary>
    [JsonStringEnumMemberName("LOOKING_RIGHT")]
    LookingRight,
}
