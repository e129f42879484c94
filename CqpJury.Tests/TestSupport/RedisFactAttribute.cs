using CqpJury.TestServers;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// A test against a real Redis: skipped (with the reason printed) on a developer's machine without
/// redis-server; always run in CI (<c>CI=true</c>), where a missing server fails the test clearly.
/// Set <see cref="NeedsPrivateServer"/> when the test stops and restarts Redis.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : Xunit.FactAttribute
{
    private static int _reported;

    public RedisFactAttribute(bool needsPrivateServer = false)
    {
        NeedsPrivateServer = needsPrivateServer;
        if (RedisServer.SkipReason(needsPrivateServer) is { } reason)
        {
            Skip = reason;
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Console.Error.WriteLine(reason);
            }
        }
    }

    public bool NeedsPrivateServer { get; }
}
