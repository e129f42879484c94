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
        var first = Spin("cpuwatch-test", TimeSpan.FromMilliseconds(400));
        var other = Spin("cpuwatch-other", TimeSpan.FromMilliseconds(400));
        var second = Spin("cpuwatch-test", TimeSpan.FromMilliseconds(400));
        Assert.True(other > 0.1, $"the other thread used {other:0.00} s");

        // Each thread's CPU is counted but for what it used after the watch's last reading before its end (a reading
        // every 100 ms: the watch's documented limit); the other thread's is not counted at all.
        var used = first + second;
        Assert.InRange(watch.Seconds, used - 0.25, used + 0.02);
    }

    [Fact]
    public async Task A_process_that_does_not_exist_is_watched_as_zero()
    {
        await using var watch = new ThreadCpuWatch(int.MaxValue, ThreadCpuWatch.JitThread);
        Assert.Equal(0, watch.Seconds);
    }

    /// <summary>
    /// A thread named <paramref name="name"/> (the name Linux sees) spinning for <paramref name="duration"/>, joined; the CPU
    /// seconds it used, as it read them from /proc just before it ended.
    /// </summary>
    private static double Spin(string name, TimeSpan duration)
    {
        var used = 0.0;
        var thread = new Thread(() =>
        {
            var until = DateTime.UtcNow + duration;
            while (DateTime.UtcNow < until)
            {
                Thread.SpinWait(1000);
            }

            used = CqpJury.Benchmarks.Browser.ProcessCpu.CpuSeconds(File.ReadAllText("/proc/thread-self/stat"));
        })
        { Name = name };
        thread.Start();
        thread.Join();
        return used;
    }
}
