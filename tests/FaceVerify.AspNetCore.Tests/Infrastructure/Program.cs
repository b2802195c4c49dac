using System.Security.Claims;
using System.Text.Encodings.Web;
using FaceVerify.AspNetCore;
using FaceVerify.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>
/// The small host the endpoint tests run (through <see cref="FaceVerifyApiFactory"/>): in-memory stores, a scripted
/// analyzer and challenge, a header-based test sign-in (<c>X-Test-User</c>, <c>X-Test-Role</c>) and the FaceVerify routes.
/// </summary>
#pragma warning disable CA1052 // WebApplicationFactory<Program> needs a non-static type.
public sealed class Program
#pragma warning restore CA1052
{
    private Program()
    {
    }

    public const string UserHeader = "X-Test-User";
    public const string RoleHeader = "X-Test-Role";
    public const string AdminPolicy = "faceverify-admin";

    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(AdminPolicy, p => p.RequireRole("admin")));
        builder.Services.AddFaceVerification()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .ClearChallenges()
            .AddChallenge<ScriptedChallenge>()
            .UseFaceAnalyzer(TestAnalyzer.Create())
            .UseFaceCollection(new FakeFaceCollection())
            .UseFaceComparer(new FakeFaceComparer());
        builder.Services.AddFaceVerificationEndpoints(o => o.AdminPolicy = AdminPolicy);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCors();
        app.UseRateLimiter();
        app.MapFaceVerification();
        return app;
    }

    /// <summary>Signs in the user named by the <c>X-Test-User</c> header (claims NameIdentifier and, from <c>X-Test-Role</c>, Role).</summary>
    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var user = Request.Headers[UserHeader].ToString();
            if (string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user) };
            var role = Request.Headers[RoleHeader].ToString();
            if (!string.IsNullOrEmpty(role))
            {
                claims.Add(new Claim(ClaimTypes.Role, role));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
