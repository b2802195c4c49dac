using System.ComponentModel.DataAnnotations;

namespace FaceVerify;

/// <summary>
/// Options of the expiry sweeper, bound from configuration section <c>FaceVerify:Expiry</c>: sessions that expire
/// without a verify are recorded as <see cref="SessionStatus.Expired"/> (reason <see cref="ChallengeReason.SessionExpired"/>)
/// and counted in the outcome metrics.
/// </summary>
public class SessionExpiryOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FaceVerify:Expiry";

    /// <summary>Whether a hosted service sweeps periodically in this process. Default: <see langword="true"/>. Turn it off where no hosted service runs (AWS Lambda): call <see cref="ISessionExpirySweeper.SweepAsync"/> from a scheduled function instead.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between sweeps (server time). Default: 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "FaceVerify:Expiry:Interval must be between 1 second and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most sessions one sweep handles; a full batch sweeps again at once. Default: 100.</summary>
    [Range(1, 10_000, ErrorMessage = "FaceVerify:Expiry:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 100;
}
