using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Handlers;
using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers.Runtime;

/// <summary>
/// A minimal client of the Lambda Runtime API (custom runtime <c>provided.al2023</c>): get the next event, run the
/// handler with the invocation's deadline as cancellation, post the response or the error, repeat.
/// No Amazon.Lambda package is needed (none is in the registry copy), and the handlers stay plain Stream → Stream.
/// </summary>
public sealed class LambdaRuntimeLoop(HttpClient http, string runtimeApi, ICognitoTrigger handler, TimeProvider time, ILogger<LambdaRuntimeLoop> logger)
{
    /// <summary>Time kept back from the deadline to post the answer.</summary>
    internal static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(250);

    private readonly string _base = $"http://{runtimeApi}/2018-06-01/runtime/";

    /// <summary>Serves invocations until cancelled.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Serves one invocation.</summary>
    /// <param name="cancellationToken">Stops waiting for the next event.</param>
    /// <returns>A task.</returns>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        using var next = await http.GetAsync(new Uri(_base + "invocation/next"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        next.EnsureSuccessStatusCode();
        var requestId = next.Headers.TryGetValues("Lambda-Runtime-Aws-Request-Id", out var ids) ? ids.First() : throw new InvalidOperationException("The Runtime API sent no request id.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (next.Headers.TryGetValues("Lambda-Runtime-Deadline-Ms", out var ms) && long.TryParse(ms.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            var left = DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs) - time.GetUtcNow() - DeadlineMargin;
            deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        var input = new MemoryStream();
        await using (var body = await next.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            await body.CopyToAsync(input, cancellationToken).ConfigureAwait(false);
        }

        input.Position = 0;
        HttpContent content;
        string path;
        try
        {
            var output = await handler.HandleAsync(input, deadline.Token).ConfigureAwait(false);
            content = new StreamContent(output);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            path = $"invocation/{requestId}/response";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TriggerLog.InvocationFailed(logger, e, requestId);
            content = JsonContent(ErrorBody(e));
            content.Headers.Add("Lambda-Runtime-Function-Error-Type", "Unhandled");
            path = $"invocation/{requestId}/error";
        }

        using (content)
        {
            using var posted = await http.PostAsync(new Uri(_base + path), content, cancellationToken).ConfigureAwait(false);
            posted.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Reports a failed cold start (the function cannot serve anything).</summary>
    /// <param name="error">What failed.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>A task.</returns>
    public static async Task ReportInitErrorAsync(HttpClient http, string runtimeApi, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var content = JsonContent(ErrorBody(error));
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", "Runtime.InitError");
        using var posted = await http.PostAsync(new Uri($"http://{runtimeApi}/2018-06-01/runtime/init/error"), content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The error body. Cognito shows <c>errorMessage</c> to the end user, so only messages written for that
    /// (malformed event, refused sign-up) are passed on; anything else is "Internal error".
    /// </summary>
    internal static object ErrorBody(Exception e) => e switch
    {
        MalformedEventException or SignUpRefusedException => new { errorMessage = e.Message, errorType = e.GetType().Name },
        _ => new { errorMessage = "Internal error.", errorType = "InternalError" },
    };

    private static StringContent JsonContent(object body)
        => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
