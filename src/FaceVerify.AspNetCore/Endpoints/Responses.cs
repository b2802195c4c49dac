using System.Text.Json;

namespace FaceVerify.AspNetCore;

/// <summary>POST /challenge → 200 (the reference framework's shape plus <c>expiresAt</c>).</summary>
internal sealed record StartChallengeResponse(string Id, string Token, string Type, JsonElement Params, DateTimeOffset ExpiresAt);

/// <summary>PUT /challenge/{id}/frame → 200.</summary>
internal sealed record FrameAcceptedResponse(string Message, int Sequence);

/// <summary>POST /challenge/{id}/verify → 200.</summary>
internal sealed record VerifyResponse(bool Success, string Outcome, string Reason, string? Detail, int? DecidedAtFrame, string? ResultToken, DateTimeOffset? ResultTokenExpiresAt);

/// <summary>POST /enrolments → 201.</summary>
internal sealed record EnrolmentResponse(string FaceId, bool Replaced);

/// <summary>POST /login/face → 200.</summary>
internal sealed record FaceLoginResponse(bool Success, string Reason, double? Similarity, string? ResultToken, DateTimeOffset? ResultTokenExpiresAt);

/// <summary>POST /results/redeem → 200: the claims of a valid, first-time redeemed result token (<c>proof</c>: <c>none</c>, <c>liveness</c> or <c>liveness_and_face_match</c>, with the <c>similarity</c> of a face login).</summary>
internal sealed record RedeemResponse(string TokenId, string SessionId, string UserId, bool Passed, string Outcome, string Reason, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Proof, double? Similarity);
