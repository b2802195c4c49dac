namespace FaceVerify;

/// <summary>A boolean face attribute with the analyzer's confidence (0–100), as Rekognition's <c>EyesOpen</c>, <c>MouthOpen</c>, <c>Smile</c>.</summary>
/// <param name="Value">Whether the attribute holds.</param>
/// <param name="Confidence">Confidence in <paramref name="Value"/>, 0–100.</param>
public readonly record struct FaceTrait(bool Value, double Confidence);
