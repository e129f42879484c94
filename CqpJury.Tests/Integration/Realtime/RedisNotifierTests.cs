using CqpJury.App.Realtime;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>Two instances' notifiers on one real Redis: events cross instances, each page gets each event once.</summary>
public sealed class RedisNotifierTests(SharedRedis redis) : IClassFixture<SharedRedis>
{
    [RedisFact]
    public async Task An_event_reaches_the_pages_of_both_instances_exactly_once_and_no_other_session()
    {
        await using var cluster = new RedisInstances(redis.Endpoint);
        var a = await cluster.StartConnectedAsync("instance-a");
        var b = await cluster.StartConnectedAsync("instance-b");
        var session = Guid.NewGuid();
        var otherSession = Guid.NewGuid();
        var dossier = Guid.NewGuid();
        var onA = a.Record(session);
        var onB = b.Record(session);
        var otherOnA = a.Record(otherSession);
        var otherOnB = b.Record(otherSession);

        await a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.DeliberationChanged, dossier));
        await onB.WaitForAsync(e => e.Kind == RoomEventKind.DeliberationChanged, "A's vote on B");

        // B answers only after Redis handed A's event to every subscriber, A included: once B's marker
        // is back on A, A has seen (and ignored) the echo of its own event.
        await b.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.CurrentDossierChanged, dossier));
        await onA.WaitForAsync(e => e.Kind == RoomEventKind.CurrentDossierChanged, "B's marker on A");

        // Each page got each event once, in order. A resynchronisation may come on top (an instance's subscription
        // restored just after it started: its pages reload everything); it is no copy of an event.
        static List<RoomEvent> Sent(RedisInstances.Recorder recorder) => [.. recorder.Events.Where(e => e.Kind != RoomEventKind.Resynchronised)];
        Assert.Equal([RoomEventKind.DeliberationChanged, RoomEventKind.CurrentDossierChanged], Sent(onA).Select(e => e.Kind));
        Assert.Equal([RoomEventKind.DeliberationChanged, RoomEventKind.CurrentDossierChanged], Sent(onB).Select(e => e.Kind));
        Assert.Equal(new RoomEvent(session, RoomEventKind.DeliberationChanged, dossier), Sent(onB)[0]);
        Assert.Empty(Sent(otherOnA));
        Assert.Empty(Sent(otherOnB));
    }

    [RedisFact]
    public async Task Events_of_several_instances_reach_a_third_one_in_the_order_each_sent_them()
    {
        await using var cluster = new RedisInstances(redis.Endpoint);
        var a = await cluster.StartConnectedAsync("instance-a");
        var c = await cluster.StartConnectedAsync("instance-c");
        var session = Guid.NewGuid();
        var onC = c.Record(session);
        var members = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();

        foreach (var member in members)
        {
            await a.Notifier.PublishAsync(new RoomEvent(session, RoomEventKind.ConflictsChanged, MemberId: member));
        }

        // C's pages may also be told of the cluster's presence or a resynchronisation (its subscription connecting while
        // A publishes; CI saw one once, first): what this test counts is A's events, all there, in A's order.
        List<RoomEvent> Sent() => [.. onC.Events.Where(e => e.Kind == RoomEventKind.ConflictsChanged)];
        await RedisInstances.WaitUntilAsync(() => Sent().Count >= members.Count, "20 events on C");
        Assert.Equal(members.Cast<Guid?>(), Sent().Select(e => e.MemberId));
        Assert.All(onC.Events.Where(e => e.Kind != RoomEventKind.ConflictsChanged), e => Assert.Contains(e.Kind, new[] { RoomEventKind.PresenceChanged, RoomEventKind.Resynchronised }));
    }
}
