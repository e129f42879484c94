using CqpJury.App.Realtime;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>Presence across instances: a member connected to A counts as present on B, until A is gone.</summary>
public sealed class ClusterPresenceTests(SharedRedis redis) : IClassFixture<SharedRedis>
{
    [RedisFact]
    public async Task A_member_connected_to_one_instance_is_present_on_the_other_until_it_stops_heartbeating()
    {
        await using var cluster = new RedisInstances(redis.Endpoint);
        var a = await cluster.StartAsync("instance-a");
        var b = await cluster.StartAsync("instance-b");
        var session = Guid.NewGuid();
        var member = Guid.NewGuid();
        var local = Guid.NewGuid();
        var onB = b.Record(session);
        await b.Presence.EnterAsync("circuit-b", session, local);

        await a.Presence.EnterAsync("circuit-a", session, member);
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.PresenceChanged && e.MemberId == member, "arrival announced on B");
        Assert.True(b.Presence.IsPresent(session, member));
        Assert.Equal(new HashSet<Guid> { member, local }, b.Presence.PresentMembers(session));
        Assert.False(b.Presence.IsPresent(Guid.NewGuid(), member));
        await RedisInstances.WaitUntilAsync(() => a.Presence.IsPresent(session, local), "B's member present on A");

        // A is killed: no goodbye; B stops counting A's members once A has been silent for 10 s.
        await a.DisposeAsync();
        b.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(b.Presence.IsPresent(session, member));
        b.Clock.Advance(TimeSpan.FromSeconds(6));
        await RedisInstances.WaitUntilAsync(
            () => onB.Events.Count(e => e.Kind == RoomEventKind.PresenceChanged && e.MemberId == member) == 2, "departure announced on B", 3000);
        Assert.False(b.Presence.IsPresent(session, member));
        Assert.Equal(new HashSet<Guid> { local }, b.Presence.PresentMembers(session));
    }

    [RedisFact]
    public async Task Heartbeats_keep_a_quiet_instance_s_members_present_and_a_graceful_stop_removes_them_at_once()
    {
        await using var cluster = new RedisInstances(redis.Endpoint);
        var a = await cluster.StartAsync("instance-a");
        var b = await cluster.StartAsync("instance-b");
        var session = Guid.NewGuid();
        var member = Guid.NewGuid();
        await a.Presence.EnterAsync("circuit-a", session, member);
        await RedisInstances.WaitUntilAsync(() => b.Presence.IsPresent(session, member), "present on B");

        for (var i = 0; i < 5; i++)
        {
            // 3 s on both clocks: A re-sends its presence, B checks ages (15 s in all, beyond the 10 s timeout).
            a.Clock.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(100);
            b.Clock.Advance(TimeSpan.FromSeconds(3));
        }

        Assert.True(b.Presence.IsPresent(session, member));

        await a.Notifier.StopAsync(CancellationToken.None);
        await RedisInstances.WaitUntilAsync(() => !b.Presence.IsPresent(session, member), "gone from B after A's graceful stop", 3000);
    }

    [RedisFact]
    public async Task A_member_connected_to_both_instances_stays_present_when_one_connection_ends_and_no_change_is_announced()
    {
        await using var cluster = new RedisInstances(redis.Endpoint);
        var a = await cluster.StartAsync("instance-a");
        var b = await cluster.StartAsync("instance-b");
        var session = Guid.NewGuid();
        var member = Guid.NewGuid();
        await b.Presence.EnterAsync("laptop", session, member);
        await a.Presence.EnterAsync("tablet", session, member);
        await RedisInstances.WaitUntilAsync(() => a.Presence.IsPresent(session, member) && b.Presence.IsPresent(session, member), "present on both");
        var onB = b.Record(session);
        var marker = b.Record(Guid.Empty);

        await a.Presence.LeaveAsync("tablet");
        await a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.ConflictsChanged));
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.ConflictsChanged, "marker after the departure");

        Assert.True(b.Presence.IsPresent(session, member));
        Assert.True(a.Presence.IsPresent(session, member));
        Assert.DoesNotContain(onB.Events, e => e.Kind == RoomEventKind.PresenceChanged);
        Assert.Empty(marker.Events);
    }
}
