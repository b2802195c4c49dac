using FaceVerify.CognitoTriggers.Hosting;
using FaceVerify.CognitoTriggers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Lambda custom runtime entry point: the function's Handler setting (_HANDLER) names the trigger to serve.
var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
var handlerName = Environment.GetEnvironmentVariable("_HANDLER");
if (string.IsNullOrEmpty(runtimeApi) || string.IsNullOrEmpty(handlerName))
{
    await Console.Error.WriteLineAsync($"Run inside AWS Lambda (provided.al2023) with Handler set to one of: {string.Join(", ", TriggerNames.All)}.");
    return 2;
}

using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
ServiceProvider services;
LambdaRuntimeLoop loop;
try
{
    services = AwsTriggerHost.Build(Environment.GetEnvironmentVariables());
    loop = new LambdaRuntimeLoop(http, runtimeApi, TriggerNames.Resolve(services, handlerName), TimeProvider.System, services.GetRequiredService<ILogger<LambdaRuntimeLoop>>());
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"Cold start failed: {e.GetType().Name}: {e.Message}");
    await LambdaRuntimeLoop.ReportInitErrorAsync(http, runtimeApi, e, CancellationToken.None);
    return 1;
}

await using (services)
{
    await loop.RunAsync(CancellationToken.None);
}

return 0;
