using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>
/// A member's browser keeps the HTTP connections it loaded the room with, idle, while the room talks
/// over the circuit's WebSocket: the server closes them after 15 s instead of Kestrel's 130 s (memory
/// per connected member); the setting can be changed in appsettings.json.
/// </summary>
public sealed class KeepAliveTests
{
    [Fact]
    public void Idle_keep_alive_connections_are_closed_after_15_seconds()
    {
        using var factory = new CqpJuryAppFactory();

        var limits = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(15), limits.KeepAliveTimeout);
    }

    [Fact]
    public void The_keep_alive_timeout_is_a_setting()
    {
        using var factory = new CqpJuryAppFactory();
        factory.Settings["Kestrel:Limits:KeepAliveTimeout"] = "00:01:00";

        var limits = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromMinutes(1), limits.KeepAliveTimeout);
    }
}
