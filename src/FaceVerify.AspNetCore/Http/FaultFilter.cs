using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.AspNetCore;

/// <summary>Turns infrastructure faults (<see cref="FaceVerificationException"/>, after the core's retries) into a 503 problem without internals.</summary>
internal sealed class FaultFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (FaceVerificationException ex)
        {
            var logger = context.HttpContext.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("FaceVerify.AspNetCore");
            if (logger is not null)
            {
                Log.InfrastructureFault(logger, context.HttpContext.Request.Method, context.HttpContext.GetEndpoint()?.DisplayName ?? "?", ex);
            }

            return Problems.ServiceUnavailable();
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new ProblemResult(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The request body is too large.")
                : Problems.InvalidRequest("The request could not be read.");
        }
    }
}
