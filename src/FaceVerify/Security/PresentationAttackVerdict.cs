namespace FaceVerify;

/// <summary>What a presentation-attack detector concluded.</summary>
/// <param name="IsAttack">Whether the detector vetoes the session.</param>
/// <param name="Score">The detector's attack score, in its own scale (for audit).</param>
/// <param name="Detail">A short, non-sensitive explanation.</param>
public readonly record struct PresentationAttackVerdict(bool IsAttack, double Score = 0, string? Detail = null)
{
    /// <summary>No attack found.</summary>
    public static PresentationAttackVerdict Genuine => default;
}
