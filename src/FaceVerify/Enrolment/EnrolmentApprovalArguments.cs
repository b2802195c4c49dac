namespace FaceVerify;

/// <summary>The arguments of <see cref="IEnrolmentApproval.ApproveReplacementAsync"/>.</summary>
/// <param name="UserId">The user replacing their reference face.</param>
/// <param name="Approval">The confirmation the request carried (<see cref="EnrolmentRequest.Approval"/>), if any.</param>
public readonly record struct EnrolmentApprovalArguments(string UserId, string? Approval);
