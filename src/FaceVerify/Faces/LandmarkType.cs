using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>The 30 landmark types of Amazon Rekognition's <c>LandmarkType</c>; JSON uses Rekognition's wire names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LandmarkType>))]
public enum LandmarkType
{
    /// <summary>Centre of the left eye (<c>eyeLeft</c>).</summary>
    [JsonStringEnumMemberName("eyeLeft")] EyeLeft,
    /// <summary>Centre of the right eye (<c>eyeRight</c>).</summary>
    [JsonStringEnumMemberName("eyeRight")] EyeRight,
    /// <summary>Tip of the nose (<c>nose</c>).</summary>
    [JsonStringEnumMemberName("nose")] Nose,
    /// <summary>Left mouth corner (<c>mouthLeft</c>).</summary>
    [JsonStringEnumMemberName("mouthLeft")] MouthLeft,
    /// <summary>Right mouth corner (<c>mouthRight</c>).</summary>
    [JsonStringEnumMemberName("mouthRight")] MouthRight,
    /// <summary><c>leftEyeBrowLeft</c>.</summary>
    [JsonStringEnumMemberName("leftEyeBrowLeft")] LeftEyeBrowLeft,
    /// <summary><c>leftEyeBrowRight</c>.</summary>
    [JsonStringEnumMemberName("leftEyeBrowRight")] LeftEyeBrowRight,
    /// <summary><c>leftEyeBrowUp</c>.</summary>
    [JsonStringEnumMemberName("leftEyeBrowUp")] LeftEyeBrowUp,
    /// <summary><c>rightEyeBrowLeft</c>.</summary>
    [JsonStringEnumMemberName("rightEyeBrowLeft")] RightEyeBrowLeft,
    /// <summary><c>rightEyeBrowRight</c>.</summary>
    [JsonStringEnumMemberName("rightEyeBrowRight")] RightEyeBrowRight,
    /// <summary><c>rightEyeBrowUp</c>.</summary>
    [JsonStringEnumMemberName("rightEyeBrowUp")] RightEyeBrowUp,
    /// <summary><c>leftEyeLeft</c>: outer corner of the left eye.</summary>
    [JsonStringEnumMemberName("leftEyeLeft")] LeftEyeLeft,
    /// <summary><c>leftEyeRight</c>: inner corner of the left eye.</summary>
    [JsonStringEnumMemberName("leftEyeRight")] LeftEyeRight,
    /// <summary><c>leftEyeUp</c>.</summary>
    [JsonStringEnumMemberName("leftEyeUp")] LeftEyeUp,
    /// <summary><c>leftEyeDown</c>.</summary>
    [JsonStringEnumMemberName("leftEyeDown")] LeftEyeDown,
    /// <summary><c>rightEyeLeft</c>.</summary>
    [JsonStringEnumMemberName("rightEyeLeft")] RightEyeLeft,
    /// <summary><c>rightEyeRight</c>.</summary>
    [JsonStringEnumMemberName("rightEyeRight")] RightEyeRight,
    /// <summary><c>rightEyeUp</c>.</summary>
    [JsonStringEnumMemberName("rightEyeUp")] RightEyeUp,
    /// <summary><c>rightEyeDown</c>.</summary>
    [JsonStringEnumMemberName("rightEyeDown")] RightEyeDown,
    /// <summary><c>noseLeft</c>.</summary>
    [JsonStringEnumMemberName("noseLeft")] NoseLeft,
    /// <summary><c>noseRight</c>.</summary>
    [JsonStringEnumMemberName("noseRight")] NoseRight,
    /// <summary><c>mouthUp</c>.</summary>
    [JsonStringEnumMemberName("mouthUp")] MouthUp,
    /// <summary><c>mouthDown</c>.</summary>
    [JsonStringEnumMemberName("mouthDown")] MouthDown,
    /// <summary><c>leftPupil</c>.</summary>
    [JsonStringEnumMemberName("leftPupil")] LeftPupil,
    /// <summary><c>rightPupil</c>.</summary>
    [JsonStringEnumMemberName("rightPupil")] RightPupil,
    /// <summary><c>upperJawlineLeft</c>.</summary>
    [JsonStringEnumMemberName("upperJawlineLeft")] UpperJawlineLeft,
    /// <summary><c>midJawlineLeft</c>.</summary>
    [JsonStringEnumMemberName("midJawlineLeft")] MidJawlineLeft,
    /// <summary><c>chinBottom</c>.</summary>
    [JsonStringEnumMemberName("chinBottom")] ChinBottom,
    /// <summary><c>midJawlineRight</c>.</summary>
    [JsonStringEnumMemberName("midJawlineRight")] MidJawlineRight,
    /// <summary><c>upperJawlineRight</c>.</summary>
    [JsonStringEnumMemberName("upperJawlineRight")] UpperJawlineRight,
}
