using System.Net;
using System.Net.Sockets;

namespace FaceVerify.SampleHost;

/// <summary>
/// Checks before start-up that the host's addresses are free, so a busy port ends in one line that says what to do
/// (instead of Kestrel's "Hosting failed to start" stack trace, after the local engine was already started).
/// </summary>
internal static class PortCheck
{
    public static void EnsureFree(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue;
            }

            var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
            if (address is null)
            {
                continue;
            }

            using var listener = new TcpListener(address, uri.Port);
            try
            {
                listener.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                var why = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : "may not be used by this user";
                throw new SampleStartupException($"Port {uri.Port} on {uri.Host} {why}: stop the program using it, or choose another port with --urls http://127.0.0.1:PORT.");
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
