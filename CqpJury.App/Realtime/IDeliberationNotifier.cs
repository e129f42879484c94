namespace CqpJury.App.Realtime;

/// <summary>
/// Cross-member updates of a session's room. Published after the change is committed to the
/// database; subscribers (one per open room page) reload through their services. Components never
/// know whether this runs in-process or over a broker.
/// </summary>
public interface IDeliberationNotifier
{
    /// <summary>Delivers <paramref name="roomEvent"/> to every subscriber of its session. Never throws for a subscriber's failure.</summary>
    Task PublishAsync(RoomEvent roomEvent);

    /// <summary>Subscribes to a session's events; dispose to unsubscribe.</summary>
    IDisposable Subscribe(Guid sessionId, Func<RoomEvent, Task> handler);
}
