using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>
/// Signing and lifetimes of FaceVerify's tokens (configuration section <c>FaceVerify:Tokens</c>). Tokens are JWTs signed
/// with HS256; every key in <see cref="SigningKeys"/> validates, the one named <see cref="ActiveKeyId"/> signs, which
/// makes key rotation a configuration change (see <c>docs/tokens.md</c>).
/// </summary>
public class TokenOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "FaceVerify:Tokens";

    /// <summary>The default issuer and audience.</summary>
    public const string DefaultIssuer = "faceverify";

    /// <summary>
    /// The keys that validate tokens. Default: none — configure at least one, or call
    /// <c>UseEphemeralSigningKey()</c> in development and tests.
    /// </summary>
    public IList<TokenSigningKey> SigningKeys { get; } = new List<TokenSigningKey>();

    /// <summary>
    /// The id of the key that signs new tokens. Default: <see langword="null"/>, allowed only when
    /// <see cref="SigningKeys"/> holds exactly one key, which then signs.
    /// </summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>The <c>iss</c> claim written and required. Default: <c>faceverify</c>.</summary>
    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    /// <summary>The <c>aud</c> claim written and required. Default: <c>faceverify</c>.</summary>
    [Required]
    public string Audience { get; set; } = DefaultIssuer;

    /// <summary>
    /// How long a session token is valid at most; the token never outlives its session
    /// (<c>exp = min(now + SessionTokenLifetime, session.ExpiresAt)</c>). At least 1 second. Default: 10 minutes.
    /// </summary>
    public TimeSpan SessionTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a result token is valid. At least 1 second. Default: 2 minutes.</summary>
    public TimeSpan ResultTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Tolerance for clock differences between instances when checking <c>exp</c>: a token is accepted while
    /// <c>now &lt; exp + ClockSkew</c>. Default: 2 seconds; at most 5 minutes.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Generates a new signing-key secret: base64 of 32 bytes from a cryptographic random generator.</summary>
    /// <returns>The secret, to put in <see cref="TokenSigningKey.Secret"/>.</returns>
    public static string GenerateSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
