using CqpJury.TestServers;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>One Redis for a test class (the CI one, or a private one), started on first use only (skipped tests start nothing).</summary>
public sealed class SharedRedis : IDisposable
{
    private readonly Lazy<RedisServer> _server = new(RedisServer.Shared);

    public string Endpoint => _server.Value.Endpoint;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
