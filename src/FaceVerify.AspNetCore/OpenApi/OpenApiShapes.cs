using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

// Documentation-only shapes of the request bodies and of the problem details: the endpoints read their bodies by hand
// (size limits, duplicate-property checks), so these types only feed the generated OpenAPI document's schemas. Their
// names are the schema names; `required` members are the schema's required properties.
namespace FaceVerify.AspNetCore.OpenApiShapes;

/// <summary>POST /challenge body.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class StartChallengeRequest
{
    public required int ImageWidth { get; init; }

    public required int ImageHeight { get; init; }

    [Description("Only honoured when the server allows the client to choose.")]
    public string? ChallengeType { get; init; }
}

/// <summary>PUT /challenge/{id}/frame body as JSON (the alternative to an image/jpeg or image/png body).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class FrameJsonRequest
{
    [Description("The session token; or send it in the Authorization: Bearer header.")]
    public string? Token { get; init; }

    [Description("Plain base64 of the JPEG or PNG frame, without a data: prefix.")]
    public required string FrameBase64 { get; init; }

    [Description("Accepted and ignored: the server's receive time counts.")]
    public long? Timestamp { get; init; }
}

/// <summary>POST /challenge/{id}/verify body (optional: the token may come in the Authorization: Bearer header).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class TokenRequest
{
    public string? Token { get; init; }
}

/// <summary>POST /enrolments body as JSON (the alternative to an image/jpeg or image/png body with the X-FaceVerify-Liveness-Session header).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class EnrolmentRequest
{
    [Description("The passed liveness session that proves the enrolment photo is live.")]
    public string? SessionId { get; init; }

    [Description("Plain base64 of the JPEG or PNG photo.")]
    public required string PhotoBase64 { get; init; }

    [Description("An approval token, when replacing an enrolled face requires one.")]
    public string? Approval { get; init; }
}

/// <summary>POST /login/face body.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class FaceLoginRequest
{
    [Description("A passed liveness session of the user.")]
    public required string SessionId { get; init; }
}

/// <summary>POST /results/redeem body.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class RedeemRequest
{
    public required string ResultToken { get; init; }
}

/// <summary>An RFC 9457 problem (application/problem+json) with the stable <c>code</c> extension.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Described in the OpenAPI document only.")]
internal sealed class Problem
{
    public string? Type { get; init; }

    public required string Title { get; init; }

    public required int Status { get; init; }

    public string? Detail { get; init; }

    [Description("Stable machine-readable code, e.g. invalid_token, frame_wrong_dimensions, locked_out.")]
    public required string Code { get; init; }
}
