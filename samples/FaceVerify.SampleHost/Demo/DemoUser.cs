using System.Text.RegularExpressions;

namespace FaceVerify.SampleHost;

/// <summary>
/// DEMO STAND-IN FOR REAL SIGN-IN: the page sends the user name the visitor typed in the <c>X-Demo-User</c> header and
/// the host believes it. Anyone can claim any name. A real application resolves the user from its authentication
/// (cookie, OpenID Connect, JWT) — the default <c>UserIdResolver</c> reads the NameIdentifier/sub claim.
/// </summary>
internal static partial class DemoUser
{
    public const string Header = "X-Demo-User";

    public static string? Resolve(HttpContext context)
    {
        var value = context.Request.Headers[Header].ToString().Trim();
        return ValidName().IsMatch(value) ? value.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidName();
}
