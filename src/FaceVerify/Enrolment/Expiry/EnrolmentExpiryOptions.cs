using System.ComponentModel.DataAnnotations;

namespace FaceVerify;

/// <summary>
/// Options of the enrolment expiry sweeper (<see cref="IEnrolmentExpirySweeper"/>), bound from configuration section
/// <c>FaceVerify:EnrolmentExpiry</c>: faces in the face collection are deleted once
/// <see cref="FaceVerificationOptions.EnrolmentRetention"/> is over.
/// </summary>
public class EnrolmentExpiryOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FaceVerify:EnrolmentExpiry";

    /// <summary>Whether a hosted service sweeps periodically in this process. Default: <see langword="true"/>. Turn it off where no hosted service runs (AWS Lambda): call <see cref="IEnrolmentExpirySweeper.SweepAsync"/> from a scheduled function instead.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between sweeps (server time). An expired enrolment is refused by face login at once; the sweep removes its face from the collection within this interval. Default: 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "FaceVerify:EnrolmentExpiry:Interval must be between 1 second and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most enrolments one sweep handles; a full batch sweeps again at once. Default: 100.</summary>
    [Range(1, 10_000, ErrorMessage = "FaceVerify:EnrolmentExpiry:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 100;
}
