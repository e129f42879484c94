using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CqpJury.App.Realtime;

/// <summary>
/// Per circuit: remembers which room the circuit's page entered, and tells the presence registry
/// when the connection drops (closed laptop, Wi-Fi loss), comes back, or the circuit ends.
/// </summary>
public sealed class RoomCircuitHandler(PresenceRegistry presence) : CircuitHandler
{
    public string? CircuitId { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        CircuitId = circuit.Id;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return presence.SetConnectedAsync(circuit.Id, connected: true);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return presence.SetConnectedAsync(circuit.Id, connected: false);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return presence.LeaveAsync(circuit.Id);
    }
}
