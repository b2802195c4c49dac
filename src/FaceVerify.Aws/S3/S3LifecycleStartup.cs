using Microsoft.Extensions.Hosting;

namespace FaceVerify.Aws.S3;

/// <summary>Runs <see cref="S3LifecycleCheck"/> when the host starts: with <see cref="S3LifecycleRules.Verify"/> a missing or too-long rule stops start-up.</summary>
internal sealed class S3LifecycleStartup(S3LifecycleCheck check) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await check.RunAsync(cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
