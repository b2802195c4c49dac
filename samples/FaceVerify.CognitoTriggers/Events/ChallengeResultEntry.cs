namespace FaceVerify.CognitoTriggers.Events;

/// <summary>One round of the auth session as Cognito reports it in <c>request.session</c>.</summary>
/// <param name="ChallengeName">The challenge of the round: <c>CUSTOM_CHALLENGE</c>, <c>SRP_A</c>, <c>PASSWORD_VERIFIER</c>, ….</param>
/// <param name="ChallengeResult">Whether the answer was correct.</param>
/// <param name="ChallengeMetadata">The <c>challengeMetadata</c> the Create trigger set for the round, if any.</param>
public sealed record ChallengeResultEntry(string ChallengeName, bool ChallengeResult, string? ChallengeMetadata);
