using System.Diagnostics;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>One clock for every simulated member of the process (milliseconds), as figure 1's pages share chromium's Date.now().</summary>
public static class LoadClock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static double NowMs => Stopwatch.GetElapsedTime(Start).TotalMilliseconds;
}
