namespace FaceVerify;

/// <summary>What a result token proves (its <c>proof</c> claim).</summary>
public enum ResultProof
{
    /// <summary>Nothing: the session failed or expired (<c>none</c>).</summary>
    None,

    /// <summary>A live person passed the session's challenge (<c>liveness</c>); no face was compared with an enrolled reference.</summary>
    Liveness,

    /// <summary>
    /// Face login (<c>liveness_and_face_match</c>): a live person passed the challenge, and the session's deciding frame and a
    /// second liveness frame both matched the user's enrolled reference at or above the similarity threshold; the
    /// token's <c>similarity</c> claim is the lower of the two similarities.
    /// </summary>
    LivenessAndFaceMatch,
}
