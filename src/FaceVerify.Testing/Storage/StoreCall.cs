namespace FaceVerify.Testing;

/// <summary>One call recorded by <see cref="RecordingAttemptStore"/> or <see cref="RecordingFrameStore"/>.</summary>
/// <param name="Operation">The interface method's name without <c>Async</c>, for example <c>"TryAppendFrame"</c> or <c>"Put"</c>.</param>
/// <param name="Key">What the call was about: the session id, object key, counter key, token id or user id.</param>
/// <param name="Result">A short rendering of what the store answered (for example <c>"True"</c>, <c>"Appended #3"</c>), or <see langword="null"/> for calls without a result or that threw.</param>
public sealed record StoreCall(string Operation, string Key, string? Result);
