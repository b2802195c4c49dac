using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify.LoadTests;

/// <summary>
/// The reference framework's strategy, implemented in the harness (never in the library) over the same stores, tokens
/// and challenge decision: <c>PUT /reference/challenge/{id}/frame</c> only stores the frame (bytes in the frame store,
/// metadata in the attempt store, no analysis); <c>POST /reference/challenge/{id}/verify</c> analyses every stored frame,
/// ten at a time (the reference's <c>ThreadPoolExecutor(max_workers=10)</c>, no early exit), stores the analyses, and
/// then decides serially (FaceVerify's <see cref="IChallengeSessionService.VerifyAsync"/> finds every frame analysed).
/// Sessions are started with FaceVerify's own <c>POST /faceverify/challenge</c>.
/// </summary>
internal static class ReferenceEndpoints
{
    public const int ThreadPoolSize = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/reference/challenge/{id}/frame", PutFrameAsync);
        app.MapPost("/reference/challenge/{id}/verify", VerifyAsync);
    }

    private static async Task<IResult> PutFrameAsync(
        string id,
        HttpContext context,
        IAttemptStore attempts,
        IFrameStore frames,
        IFaceVerificationTokens tokens,
        IOptions<FaceVerificationOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var body = await BodyReader.ReadAsync(context.Request, options.Value.MaxFrameBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var token = tokens.ValidateSessionToken(BearerToken(context), id);
        if (!token.Succeeded)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var session = await attempts.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null || session.IsFinal)
        {
            return Results.StatusCode(StatusCodes.Status409Conflict);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var record = new FrameRecord
        {
            SessionId = id,
            ReceivedAt = receivedAt,
            ContentHash = hash,
            StorageKey = FrameKeys.Frame(id, hash, ImageFormat.Jpeg),
            Format = ImageFormat.Jpeg,
            Length = body.Length,
            RetainUntil = session.RetainUntil,
        };
        await frames.PutAsync(record.StorageKey, body, "image/jpeg", session.RetainUntil, cancellationToken).ConfigureAwait(false);
        var appended = await attempts.TryAppendFrameAsync(record, options.Value.MaxFramesPerSession, cancellationToken).ConfigureAwait(false);
        return appended.Status == FrameAppendStatus.Appended
            ? Results.Json(new { message = "Frame saved successfully", sequence = appended.Sequence })
            : Results.StatusCode(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> VerifyAsync(
        string id,
        HttpContext context,
        IAttemptStore attempts,
        IFrameStore frameStore,
        IFaceAnalyzer analyzer,
        IChallengeSessionService sessions,
        IFaceVerificationTokens tokens,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var sessionToken = BearerToken(context);
        if (!tokens.ValidateSessionToken(sessionToken, id).Succeeded)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var session = await attempts.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Results.StatusCode(StatusCodes.Status404NotFound);
        }

        if (!session.IsFinal)
        {
            var frames = await attempts.GetFramesAsync(id, cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(
                frames,
                new ParallelOptions { MaxDegreeOfParallelism = ThreadPoolSize, CancellationToken = cancellationToken },
                async (frame, ct) =>
                {
                    var bytes = await frameStore.GetAsync(frame.StorageKey, ct).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"Frame {frame.Sequence} is missing from the frame store.");
                    var analysis = await analyzer.AnalyzeAsync(new FaceImage(bytes, frame.Format, session.FrameWidth, session.FrameHeight), ct).ConfigureAwait(false);
                    await attempts.SaveAnalysisAsync(id, frame.Sequence, new StoredAnalysis(analysis.Faces, analysis.Rejection, time.GetUtcNow()), ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        var result = await sessions.VerifyAsync(id, new SessionAccess(sessionToken), cancellationToken).ConfigureAwait(false);
        return Results.Json(new
        {
            success = result.Succeeded,
            outcome = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Status.ToString()),
            reason = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Reason.ToString()),
            decidedAtFrame = result.DecidedAtFrame,
        });
    }

    private static string? BearerToken(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
