using CqpJury.Benchmarks.Browser;

namespace CqpJury.Benchmarks.Core;

/// <summary>
/// The CPU used by the threads of a process with a given name, watched from /proc every 100 ms: such a thread may
/// end and be started again (the runtime's JIT worker exits when idle), taking its counters with it, so each thread's
/// last reading is kept. What a thread used between its last reading and its end is missed (it ends after idling).
/// </summary>
public sealed class ThreadCpuWatch : IAsyncDisposable
{
    /// <summary>
    /// The .NET runtime's tiered-compilation background thread (Linux keeps 15 characters of a thread's name): it
    /// compiles hot methods again at tier 1 while an app warms up.
    /// </summary>
    public const string JitThread = ".NET Tiered Com";

    private readonly int _pid;
    private readonly string _threadName;
    private readonly Dictionary<string, double> _byThread = []; // under itself
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public ThreadCpuWatch(int pid, string threadName)
    {
        _pid = pid;
        _threadName = threadName;
        Read(baseline: true);
        _watching = Task.Run(WatchAsync);
    }

    /// <summary>CPU seconds the watched threads used since the watch started (threads seen at its start count from there).</summary>
    public double Seconds
    {
        get
        {
            Read();
            lock (_byThread)
            {
                return _byThread.Values.Sum() + _ended;
            }
        }
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Read();
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private readonly Dictionary<string, double> _baseline = []; // under _byThread

    private double _ended; // under _byThread: threads whose id a later thread took

    private void Read(bool baseline = false)
    {
        IEnumerable<string> tasks;
        try
        {
            tasks = Directory.EnumerateDirectories($"/proc/{_pid}/task").ToList();
        }
        catch (IOException)
        {
            return; // the process is gone
        }

        foreach (var task in tasks)
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                if (stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')] != _threadName)
                {
                    continue;
                }

                var tid = Path.GetFileName(task);
                var seconds = ProcessCpu.CpuSeconds(stat);
                lock (_byThread)
                {
                    if (baseline)
                    {
                        _baseline[tid] = seconds;
                    }

                    var used = seconds - _baseline.GetValueOrDefault(tid);
                    if (used < _byThread.GetValueOrDefault(tid))
                    {
                        // Another thread of that name now has this id: the earlier one ended.
                        _ended += _byThread[tid];
                        _baseline.Remove(tid);
                        used = seconds;
                    }

                    _byThread[tid] = used;
                }
            }
            catch (IOException)
            {
                // the thread ended meanwhile: its last reading stays
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
