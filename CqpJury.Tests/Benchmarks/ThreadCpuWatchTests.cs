using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// The runner's watch of a named thread's CPU (the JIT's background thread during figure 11): it counts the CPU of
/// every thread of that name, also those that ended — the runtime's JIT worker exits when idle and comes back.
/// </summary>
public sealed class ThreadCpuWatchTests
{
    [Fact]
    public async Task Two_threads_of_the_watched_name_one_after_the_other_are_both_counted_and_other_threads_are_not()
    {
        await using var watch = new ThreadCpuWatch(Environment.ProcessId, "cpuwatch-test");
        var first = Spin("cpuwatch-test", 0.3);
        var other = Spin("cpuwatch-other", 0.3);
        var second = Spin("cpuwatch-test", 0.3);
        Assert.True(first >= 0.3 && other >= 0.3 && second >= 0.3, $"the threads used {first:0.00}, {other:0.00}, {second:0.00} s");

        // Each thread idles before it ends, as the JIT's worker does: the watch has read all it used. The other
        // thread's CPU is not counted at all.
        var used = first + second;
        Assert.InRange(watch.Seconds, used - 0.03, used + 0.03);
    }

    [Fact]
    public async Task A_process_that_does_not_exist_is_watched_as_zero()
    {
        await using var watch = new ThreadCpuWatch(int.MaxValue, ThreadCpuWatch.JitThread);
        Assert.Equal(0, watch.Seconds);
    }

    /// <summary>
    /// A thread named <paramref name="name"/> (the name Linux sees) spinning until it has used <paramref name="cpu"/> of
    /// CPU (however busy the machine), then idle for half a second before it ends (as the JIT's worker idles before it
    /// exits), joined; the CPU seconds it used, as it read them from /proc before idling.
    /// </summary>
    private static double Spin(string name, double cpu)
    {
        var used = 0.0;
        var thread = new Thread(() =>
        {
            static double Own() => ProcessCpu.CpuSeconds(File.ReadAllText("/proc/thread-self/stat"));
            var giveUp = DateTime.UtcNow.AddSeconds(20);
            while (Own() < cpu && DateTime.UtcNow < giveUp)
            {
                Thread.SpinWait(10_000);
            }

            used = Own();
            Thread.Sleep(500);
        })
        { Name = name };
        thread.Start();
        thread.Join();
        return used;
    }
}
