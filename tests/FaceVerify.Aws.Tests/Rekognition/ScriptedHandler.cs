using System.Text;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>An in-process fake Rekognition endpoint (for fault injection: hanging answers need no real waiting).</summary>
internal sealed class ScriptedHandler(RekognitionScript script) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key.ToLowerInvariant()] = string.Join(',', header.Value);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key.ToLowerInvariant()] = string.Join(',', header.Value);
            }
        }

        var answer = script.Next(new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, headers, body));
        if (answer.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var response = new HttpResponseMessage(answer.Status)
        {
            Content = new StringContent(answer.Body, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
