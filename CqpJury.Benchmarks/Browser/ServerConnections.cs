using System.Diagnostics;
using System.Globalization;

namespace CqpJury.Benchmarks.Browser;

/// <summary>
/// The app's open TCP connections, read from /proc/net/tcp and tcp6 (state 01 = established, local
/// port = the app's). A member's page in steady state holds one: its circuit's WebSocket. Right after a
/// page loads, its browser also keeps the connections it fetched the page and its files with, idle,
/// until the server's keep-alive timeout closes them (Kestrel:Limits:KeepAliveTimeout in appsettings.json).
/// </summary>
public static class ServerConnections
{
    public static int Established(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 3 && columns[3] == "01" && columns[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until the app holds no more connections than <paramref name="pages"/> open pages need; the count reached.</summary>
    public static async Task<int> WaitForSteadyStateAsync(int port, int pages, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var count = Established(port);
        while (count > pages && watch.Elapsed < timeout)
        {
            await Task.Delay(500);
            count = Established(port);
        }

        return count;
    }
}
