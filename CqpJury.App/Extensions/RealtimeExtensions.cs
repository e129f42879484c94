using CqpJury.App.Realtime;
using CqpJury.App.Realtime.Redis;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CqpJury.App.Extensions;

/// <summary>
/// Real time, in one place: the notifier (in-process for a single instance; over Redis pub/sub when
/// <c>Realtime:Redis</c> is set, for several instances), presence through a circuit handler, and the
/// circuit and hub options.
/// </summary>
public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Realtime");
        services.AddSingleton<InProcessDeliberationNotifier>();
        if (string.IsNullOrWhiteSpace(section["Redis"]))
        {
            services.AddSingleton<IDeliberationNotifier>(sp => sp.GetRequiredService<InProcessDeliberationNotifier>());
        }
        else
        {
            // Several instances: events and presence shared through Redis; not ready while it is unreachable.
            services.AddSingleton<RedisDeliberationNotifier>();
            services.AddSingleton<IDeliberationNotifier>(sp => sp.GetRequiredService<RedisDeliberationNotifier>());
            services.AddSingleton<IClusterPresence>(sp => sp.GetRequiredService<RedisDeliberationNotifier>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisDeliberationNotifier>());
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        }

        services.AddSingleton<PresenceRegistry>();
        services.AddScoped<RoomCircuitHandler>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<RoomCircuitHandler>());

        services.Configure<CircuitOptions>(options =>
        {
            // A member whose Wi-Fi drops finds the same circuit for 3 minutes; after that a reload
            // rebuilds the same state from the database.
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            options.DisconnectedCircuitMaxRetained = 200;
            options.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
            options.DetailedErrors = false; // never an exception's details in the browser, Development included (issue 26): the log has them
        });
        services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = 64 * 1024;
            options.KeepAliveInterval = TimeSpan.FromSeconds(5);
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(15);
            options.MaximumParallelInvocationsPerClient = 1;
        });

        return builder;
    }
}
