using System.Net;
using System.Net.Sockets;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>
/// Hands out loopback ports nobody listens on now, from a range of this test group's own (other
/// groups and concurrent runs use other ranges), starting at a random point to avoid reuse.
/// </summary>
internal sealed class PortRange(int first, int last)
{
    private int _next = first + Random.Shared.Next(0, Math.Max(1, (last - first) / 4)) * 4;

    public int Next()
    {
        for (var attempt = 0; attempt < 2 * (last - first + 1); attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > last)
            {
                Interlocked.Exchange(ref _next, first);
                continue;
            }

            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next one
            }
            finally
            {
                listener.Stop();
            }
        }

        throw new InvalidOperationException($"No free port between {first} and {last}.");
    }
}
