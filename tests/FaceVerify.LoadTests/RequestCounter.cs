using System.Collections.Concurrent;
using Amazon.Runtime;

namespace FaceVerify.LoadTests;

/// <summary>
/// Counts the AWS SDK's HTTP requests by operation: DynamoDB by its <c>X-Amz-Target</c> header (<c>GetItem</c>,
/// <c>UpdateItem</c>, …), S3 by method (and <c>LIST</c> for bucket listings). Plugged in as the clients'
/// <see cref="ClientConfig.HttpClientFactory"/>.
/// </summary>
internal sealed class RequestCounter : HttpClientFactory
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public string Service { get; }

    public RequestCounter(string service) => Service = service;

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CountingHandler(this) { InnerHandler = new SocketsHttpHandler() });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private void Count(HttpRequestMessage request)
    {
        string operation;
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.First();
            operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            var query = request.RequestUri?.Query ?? string.Empty;
            operation = request.Method == HttpMethod.Get && (query.Contains("list-type", StringComparison.Ordinal) || query.Contains("prefix", StringComparison.Ordinal))
                ? "LIST"
                : request.Method.Method;
        }

        _counts.AddOrUpdate(operation, 1, static (_, n) => n + 1);
    }

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Count(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
