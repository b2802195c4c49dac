namespace FaceVerify;

/// <summary>The result of counting one attempt against a limit.</summary>
/// <param name="Allowed">Whether the attempt is within the limit (and was counted).</param>
/// <param name="Count">Attempts counted in the current window, including this one when allowed.</param>
/// <param name="WindowEndsAt">When the current window ends and the count starts again.</param>
public readonly record struct AttemptCount(bool Allowed, int Count, DateTimeOffset WindowEndsAt);
