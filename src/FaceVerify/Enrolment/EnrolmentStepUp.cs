namespace FaceVerify;

/// <summary>How the replacement of a reference face was authorised.</summary>
public enum EnrolmentStepUp
{
    /// <summary>No step-up (a first enrolment, or a deletion).</summary>
    None,

    /// <summary>A face login with the current reference succeeded within <see cref="FaceVerificationOptions.StepUpWindow"/>.</summary>
    FaceLogin,

    /// <summary>An <see cref="IEnrolmentApproval"/> approved it.</summary>
    Approval,
}
