using System.Text;

namespace FaceVerify.Aws;

/// <summary>
/// How a store reports an AWS call that failed after the SDK's own retry policy: one
/// <see cref="FaceVerificationException"/> naming the call (service, operation, resource) and the error code, with a
/// hint for the error codes that mean a configuration fault (the resource does not exist, access denied).
/// </summary>
internal sealed class AwsServiceFaults
{
    private readonly CompositeFormat _call;
    private readonly (string Code, CompositeFormat Hint)[] _hints;

    /// <summary>Describes one service's faults.</summary>
    /// <param name="call">The call, a format with <c>{0}</c> the operation and <c>{1}</c> the resource name.</param>
    /// <param name="hints">The hint of each configuration error code, in the same format.</param>
    public AwsServiceFaults(string call, params (string Code, string Hint)[] hints)
    {
        _call = CompositeFormat.Parse(call);
        _hints = Array.ConvertAll(hints, h => (h.Code, CompositeFormat.Parse(h.Hint)));
    }

    /// <summary>The exception for <paramref name="exception"/>, raised by <paramref name="operation"/> on <paramref name="resource"/>.</summary>
    public FaceVerificationException Create(string operation, string resource, AmazonServiceException exception)
    {
        var message = $"{string.Format(CultureInfo.InvariantCulture, _call, operation, resource)} failed ({exception.ErrorCode}).";
        foreach (var (code, hint) in _hints)
        {
            if (string.Equals(code, exception.ErrorCode, StringComparison.Ordinal))
            {
                message += " " + string.Format(CultureInfo.InvariantCulture, hint, operation, resource);
                break;
            }
        }

        return new FaceVerificationException(message, exception);
    }
}
