using CqpJury.Benchmarks.Browser;

namespace CqpJury.Benchmarks.Core;

/// <summary>
/// The CPU used by the threads of a process with a given name, watched from /proc every 100 ms: such a thread may
/// end and be started again (the runtime's JIT worker exits when idle), taking its counters with it, so each thread's
/// last reading is kept, by thread id (Linux hands ids out in sequence: not reused within a run). What a thread used
/// between its last reading and its end is missed (the JIT worker ends after idling). The readings run on a thread of
/// their own, not on the runner's busy thread pool.
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
    private readonly Dictionary<string, double> _byThread = []; // CPU per thread id since the start; under itself
    private readonly Dictionary<string, double> _baseline = []; // the CPU of the threads already there at the start; under _byThread
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _watching;

    public ThreadCpuWatch(int pid, string threadName)
    {
        _pid = pid;
        _threadName = threadName;
        Read(baseline: true);
        _watching = new Thread(Watch) { IsBackground = true, Name = "cpu-watch" };
        _watching.Start();
    }

    /// <summary>CPU seconds the watched threads used since the watch started (threads seen at its start count from there).</summary>
    public double Seconds
    {
        get
        {
            Read();
            lock (_byThread)
            {
                return _byThread.Values.Sum();
            }
        }
    }

    private void Watch()
    {
        while (!_stop.Wait(TimeSpan.FromMilliseconds(100)))
        {
            Read();
        }
    }

    private void Read(bool baseline = false)
    {
        List<string> tasks;
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
                if (ProcessCpu.NameOf(stat) != _threadName)
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

                    _byThread[tid] = seconds - _baseline.GetValueOrDefault(tid);
                }
            }
            catch (IOException)
            {
                // the thread ended meanwhile: its last reading stays
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Set();
        _watching.Join();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
