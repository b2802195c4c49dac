namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>What the Verify trigger decided and why (logged; only <see cref="AnswerCorrect"/> goes back to Cognito).</summary>
/// <param name="AnswerCorrect">The wire answer.</param>
/// <param name="Check">The check that decided.</param>
/// <param name="LoginReason">FaceVerify's reason, when the face login ran.</param>
public sealed record VerifyDecision(bool AnswerCorrect, VerifyCheck Check, FaceLoginReason? LoginReason = null);
