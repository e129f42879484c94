using CqpJury.TestServers;
using CqpJury.App.Realtime;
using CqpJury.App.Realtime.Redis;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>Redis stopped and restarted under two instances (a private server: the CI one is never stopped).</summary>
public sealed class RedisOutageTests
{
    [RedisFact(needsPrivateServer: true)]
    public async Task While_redis_is_down_an_instance_serves_its_own_pages_and_reports_not_ready_then_resynchronises()
    {
        using var server = RedisServer.StartPrivate();
        await using var cluster = new RedisInstances(server.Endpoint);
        var a = await cluster.StartAsync("instance-a");
        var b = await cluster.StartAsync("instance-b");
        var session = Guid.NewGuid();
        var onA = a.Record(session);
        var onB = b.Record(session);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(a.Notifier)).Status);

        server.Stop();
        await RedisInstances.WaitUntilAsync(() => !a.Notifier.IsConnected, "A sees Redis down");
        var down = await CheckAsync(a.Notifier);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal("Redis injoignable", down.Description);

        var publishing = a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.DeliberationChanged));
        Assert.Same(publishing, await Task.WhenAny(publishing, Task.Delay(3000))); // no long wait for the broker
        await publishing; // and no exception
        Assert.Equal([RoomEventKind.DeliberationChanged], onA.Events.Select(e => e.Kind));

        server.Start();
        await RedisInstances.WaitUntilAsync(() => a.Notifier.IsConnected && b.Notifier.IsConnected, "both reconnected", 15000);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(a.Notifier)).Status);
        await onA.WaitForAsync(e => e.Kind == RoomEventKind.Resynchronised, "resync on A");
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.Resynchronised, "resync on B (it missed A's event)");
        Assert.DoesNotContain(onB.Events, e => e.Kind == RoomEventKind.DeliberationChanged); // missed, hence the resync
        await RedisInstances.ProbeUntilReceivedAsync(a, onB, session, RoomEventKind.SessionChanged, "A's probes on B");
        await RedisInstances.ProbeUntilReceivedAsync(b, onA, session, RoomEventKind.CurrentDossierChanged, "B's probes on A");

        await a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.PresidencyChanged));
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.PresidencyChanged, "events flow again");
        await b.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.ConflictsChanged));
        await onA.WaitForAsync(e => e.Kind == RoomEventKind.ConflictsChanged, "B's marker on A");
        Assert.Single(onA.Events, e => e.Kind == RoomEventKind.PresidencyChanged); // the restored subscription is not doubled
        Assert.Single(onB.Events, e => e.Kind == RoomEventKind.PresidencyChanged);
        Assert.Single(onB.Events, e => e.Kind == RoomEventKind.ConflictsChanged);
    }

    [RedisFact(needsPrivateServer: true)]
    public async Task An_instance_started_while_redis_is_down_works_alone_then_joins_when_redis_comes_up()
    {
        using var server = RedisServer.StartPrivate();
        server.Stop();
        await using var cluster = new RedisInstances(server.Endpoint);
        var a = await cluster.StartAsync("instance-a");
        var session = Guid.NewGuid();
        var onA = a.Record(session);
        Assert.False(a.Notifier.IsConnected);
        await a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.SessionChanged));
        Assert.Single(onA.Events);

        server.Start();
        var b = await cluster.StartAsync("instance-b");
        var onB = b.Record(session);
        // A joins at the latest on its next connection attempt or presence heartbeat.
        a.Clock.Advance(TimeSpan.FromSeconds(3));
        await RedisInstances.WaitUntilAsync(() => a.Notifier.IsConnected, "A connected", 15000);
        await onA.WaitForAsync(e => e.Kind == RoomEventKind.Resynchronised, "resync on A");

        await b.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.DeliberationChanged));
        await a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.CurrentDossierChanged));
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.CurrentDossierChanged, "A's event on B");
        await onA.WaitForAsync(e => e.Kind == RoomEventKind.DeliberationChanged, "B's event on A");
        Assert.Single(onA.Events, e => e.Kind == RoomEventKind.DeliberationChanged);
        Assert.Single(onB.Events, e => e.Kind == RoomEventKind.CurrentDossierChanged);
    }

    [RedisFact(needsPrivateServer: true)]
    public async Task An_instance_whose_subscription_connection_dropped_is_not_ready_until_it_listens_again()
    {
        using var server = RedisServer.StartPrivate();
        await using var cluster = new RedisInstances(server.Endpoint);
        var a = await cluster.StartAsync("instance-a");
        var b = await cluster.StartAsync("instance-b");
        var session = Guid.NewGuid();
        var onA = a.Record(session);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(a.Notifier)).Status);
        using var admin = await ConnectionMultiplexer.ConnectAsync($"{server.Endpoint},allowAdmin=true");

        // Only the instances' subscription connections are dropped: their command connections stay up, so publishing
        // still works, but A hears nothing from B until its subscription is back. The client library reconnects at its
        // next heartbeat (within a second); each drop is watched closely, and dropped again if that moment was missed.
        var seenDown = false;
        for (var attempt = 0; attempt < 10 && !seenDown; attempt++)
        {
            await admin.GetServer(server.Endpoint).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 1500 && !seenDown)
            {
                var health = await CheckAsync(a.Notifier);
                seenDown = health.Status == HealthStatus.Unhealthy;
                await Task.Delay(2);
            }

            await RedisInstances.WaitUntilAsync(() => a.Notifier.IsConnected, "A listening again", 15000);
        }

        Assert.True(seenDown, "the health check never said « not ready » while A's subscription connection was down");
        await onA.WaitForAsync(e => e.Kind == RoomEventKind.Resynchronised, "resync on A (it may have missed B's events)");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(a.Notifier)).Status);
        await RedisInstances.ProbeUntilReceivedAsync(b, onA, session, RoomEventKind.DeliberationChanged, "B's events on A");
    }

    private static Task<HealthCheckResult> CheckAsync(RedisDeliberationNotifier notifier) =>
        new RedisHealthCheck(notifier).CheckHealthAsync(new HealthCheckContext());
}
