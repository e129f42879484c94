using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>
/// The circuit hub's protocol as blazor.web.js speaks it: SignalR's MessagePack hub protocol (version 2, binary)
/// under the name "blazorpack" — the only protocol the server's ComponentHub accepts. The wire format is
/// MessagePack's; only the name given in the handshake differs.
/// </summary>
/// <param name="onBindingFailure">Told when a server message does not match its handler's parameters (SignalR's client would only log it).</param>
public sealed class BlazorPackHubProtocol(Action<string>? onBindingFailure = null) : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var parsed = _inner.TryParseMessage(ref input, binder, out message);
        if (message is InvocationBindingFailureMessage failure)
        {
            onBindingFailure?.Invoke($"{failure.Target}: {failure.BindingFailure.SourceException.Message}");
        }

        return parsed;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
