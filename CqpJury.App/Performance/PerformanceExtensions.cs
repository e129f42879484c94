using CqpJury.App.Extensions;

namespace CqpJury.App.Performance;

/// <summary>The memory savings per connected member that are registrations and settings (Performance/README.md).</summary>
public static class PerformanceExtensions
{
    /// <summary>Called after the interactive components, the accounts and the real-time services are added (it replaces some of theirs).</summary>
    public static WebApplicationBuilder AddConnectedMemberSavings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLeanJsInteropMetadata();

        // After loading its page, a member's browser keeps the HTTP connections it fetched the page and its files
        // with, idle, while the room talks over the circuit's WebSocket only. Kestrel's default keeps them 130 s
        // (buffers and connection state for each member who just joined): 15 s here
        // (Kestrel:Limits:KeepAliveTimeout in appsettings.json). WebSockets are not affected.
        var keepAlive = builder.Configuration.GetSection("Kestrel:Limits").Get<KeepAliveSettings>()?.KeepAliveTimeout ?? TimeSpan.FromSeconds(15);
        builder.WebHost.ConfigureKestrel(options => options.Limits.KeepAliveTimeout = keepAlive);
        return builder;
    }
}
