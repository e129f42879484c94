using CqpJury.App.Realtime;
using CqpJury.App.Realtime.Redis;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>The app chooses its notifier from <c>Realtime:Redis</c>: in-process alone, Redis (and its readiness check) for several instances.</summary>
public sealed class RealtimeWiringTests(SharedRedis redis) : IClassFixture<SharedRedis>
{
    [Fact]
    public async Task Without_redis_the_app_runs_alone_with_the_in_process_notifier_and_no_redis_check()
    {
        using var factory = new CqpJuryAppFactory();
        Assert.IsType<InProcessDeliberationNotifier>(factory.Services.GetRequiredService<IDeliberationNotifier>());
        var checks = factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.DoesNotContain(checks, c => c.Name == "redis");
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.DoesNotContain("redis", report.Entries.Keys);
    }

    [RedisFact]
    public async Task Two_app_instances_on_one_redis_share_events_and_presence_and_report_redis_ready()
    {
        var channel = "cqpjury-test:" + Guid.NewGuid().ToString("N");
        using var appA = RedisApp("app-a", channel);
        using var appB = RedisApp("app-b", channel);
        var notifierA = Assert.IsType<RedisDeliberationNotifier>(appA.Services.GetRequiredService<IDeliberationNotifier>());
        var notifierB = Assert.IsType<RedisDeliberationNotifier>(appB.Services.GetRequiredService<IDeliberationNotifier>());
        Assert.Equal("app-a", notifierA.InstanceId);
        var redisCheck = Assert.Single(appA.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, c => c.Name == "redis");
        Assert.Contains("ready", redisCheck.Tags);
        var report = await appA.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "redis");
        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);

        var session = Guid.NewGuid();
        var member = Guid.NewGuid();
        var onB = new RedisInstances.Recorder();
        using var subscription = notifierB.Subscribe(session, onB.OnEventAsync);

        await appA.Services.GetRequiredService<PresenceRegistry>().EnterAsync("circuit", session, member);
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.PresenceChanged, "presence announced on B");
        Assert.Contains(member, appB.Services.GetRequiredService<PresenceRegistry>().PresentMembers(session));

        await notifierA.PublishAsync(new RoomEvent(session, RoomEventKind.PresidencyChanged));
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.PresidencyChanged, "A's event on B");
    }

    private CqpJuryAppFactory RedisApp(string instanceId, string channel)
    {
        var factory = new CqpJuryAppFactory();
        factory.Settings["Realtime:Redis"] = redis.Endpoint;
        factory.Settings["Realtime:InstanceId"] = instanceId;
        factory.Settings["Realtime:Channel"] = channel;
        _ = factory.Server; // start the host (and its hosted services)
        return factory;
    }
}
