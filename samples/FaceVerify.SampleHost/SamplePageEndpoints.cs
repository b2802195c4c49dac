using FaceVerify;
using Microsoft.Extensions.Options;

namespace FaceVerify.SampleHost;

/// <summary>
/// What the sample page asks the host about itself: <c>GET /sample/challenge-types</c> lists the challenge types this
/// host enables (<c>FaceVerify:EnabledChallengeTypes</c>, or every registered one when that is empty), so the page's
/// challenge choice offers only those. The server still enforces the list on every <c>POST /faceverify/challenge</c>.
/// </summary>
internal static class SamplePageEndpoints
{
    public static void Map(WebApplication app)
        => app.MapGet("/sample/challenge-types", (IEnumerable<IChallenge> challenges, IOptions<FaceVerificationOptions> options) =>
        {
            var enabled = options.Value.EnabledChallengeTypes;
            var types = challenges
                .Select(c => c.Type.ToLowerInvariant())
                .Where(t => enabled.Count == 0 || enabled.Contains(t, StringComparer.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return Results.Ok(new { types });
        });
}
