using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CqpJury.App.Realtime;

/// <summary>The single-instance notifier: subscribers of a session held in memory, delivered concurrently.</summary>
public sealed class InProcessDeliberationNotifier(ILogger<InProcessDeliberationNotifier> logger) : IDeliberationNotifier
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Subscription>> _subscriptions = new();

    public int SubscriberCount(Guid sessionId) => _subscriptions.TryGetValue(sessionId, out var list) ? list.Count : 0;

    /// <summary>The sessions that have at least one subscriber on this instance now.</summary>
    public IReadOnlyCollection<Guid> SubscribedSessions => [.. _subscriptions.Keys];

    public Task PublishAsync(RoomEvent roomEvent)
    {
        ArgumentNullException.ThrowIfNull(roomEvent);
        if (!_subscriptions.TryGetValue(roomEvent.SessionId, out var subscribers) || subscribers.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var delivered = roomEvent with { DeliveredAt = System.Diagnostics.Stopwatch.GetTimestamp() };
        return Task.WhenAll(subscribers.Select(s => DeliverAsync(s, delivered)));
    }

    public IDisposable Subscribe(Guid sessionId, Func<RoomEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, sessionId, handler);
        _subscriptions.AddOrUpdate(sessionId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    private async Task DeliverAsync(Subscription subscription, RoomEvent roomEvent)
    {
        try
        {
            await subscription.Handler(roomEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One broken circuit must not prevent delivery to the others.
            logger.LogWarning(ex, "Room event {Kind} not delivered to a subscriber of session {SessionId}", roomEvent.Kind, roomEvent.SessionId);
        }
    }

    private void Remove(Subscription subscription)
    {
        while (_subscriptions.TryGetValue(subscription.SessionId, out var list))
        {
            var updated = list.Remove(subscription);
            if (updated.IsEmpty
                ? _subscriptions.TryRemove(new KeyValuePair<Guid, ImmutableList<Subscription>>(subscription.SessionId, list))
                : _subscriptions.TryUpdate(subscription.SessionId, updated, list))
            {
                return;
            }
        }
    }

    private sealed class Subscription(InProcessDeliberationNotifier owner, Guid sessionId, Func<RoomEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public Guid SessionId { get; } = sessionId;

        public Func<RoomEvent, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
