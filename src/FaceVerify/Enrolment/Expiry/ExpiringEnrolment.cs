namespace FaceVerify;

/// <summary>An entry of an <see cref="IEnrolmentExpiryIndex"/>: a user's indexed face and when its enrolment expires.</summary>
/// <param name="UserId">The user.</param>
/// <param name="FaceId">The face id the collection returned at enrolment (empty when it returned none).</param>
/// <param name="ExpiresAt">The end of the enrolment's retention (<see cref="FaceVerificationOptions.EnrolmentRetention"/> after it was stored).</param>
public readonly record struct ExpiringEnrolment(string UserId, string FaceId, DateTimeOffset ExpiresAt);
