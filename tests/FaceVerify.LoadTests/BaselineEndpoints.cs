namespace FaceVerify.LoadTests;

/// <summary>
/// The comparison point for upload throughput: <c>PUT /baseline/challenge/{id}/frame</c> reads the same body (raw image
/// or JSON) to the end and does nothing else, answering with a response of the same shape as FaceVerify's.
/// </summary>
internal static class BaselineEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/baseline/challenge/{id}/frame", async (string id, HttpContext context, CancellationToken cancellationToken) =>
        {
            var length = await BodyReader.DrainAsync(context.Request, 2 * 1024 * 1024, cancellationToken).ConfigureAwait(false);
            return length < 0
                ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge)
                : Results.Json(new FrameResponse("Frame saved successfully", length));
        });
    }

    private sealed record FrameResponse(string Message, int Sequence);
}
