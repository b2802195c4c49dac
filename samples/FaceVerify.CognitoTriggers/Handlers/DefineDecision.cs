namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>What the Define trigger decided (logged; the wire answer is issueTokens/failAuthentication/challengeName).</summary>
public enum DefineDecision
{
    /// <summary>Ask (again) for the face challenge.</summary>
    NextChallenge,

    /// <summary>The last answer was correct: issue tokens.</summary>
    IssueTokens,

    /// <summary>Too many wrong answers in this auth session.</summary>
    FailTooManyWrongAnswers,

    /// <summary>The session holds a challenge other than CUSTOM_CHALLENGE.</summary>
    FailOtherChallenge,

    /// <summary>A correct round that is not ours (other metadata) or for an unknown user.</summary>
    FailForeignRound,
}
