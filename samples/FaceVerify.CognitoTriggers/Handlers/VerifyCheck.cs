namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>The check that decided a Verify invocation.</summary>
public enum VerifyCheck
{
    /// <summary>The face login ran; see its reason.</summary>
    FaceLogin,

    /// <summary>Cognito reported no such user.</summary>
    UnknownUser,

    /// <summary>The round carries no FaceVerify session (privateChallengeParameters.sessionId missing).</summary>
    NoSession,

    /// <summary>The answer is not the session this round created.</summary>
    WrongSession,

    /// <summary>FaceVerify failed (infrastructure fault after retries) or did not answer within the trigger budget.</summary>
    Unavailable,
}
