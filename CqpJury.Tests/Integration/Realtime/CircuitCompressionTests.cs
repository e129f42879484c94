using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CqpJury.Benchmarks.LoadClient;
using CqpJury.Tests.EndToEnd.Infrastructure;

namespace CqpJury.Tests.Integration.Realtime;

/// <summary>
/// The circuits' WebSocket is not compressed (memory and CPU per connected member, Performance/README.md): the
/// per-message compression a browser offers when it opens the circuit is declined, and the circuit talks uncompressed.
/// On the real app over Kestrel (a real port, a real WebSocket upgrade).
/// </summary>
public sealed class CircuitCompressionTests
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task A_browsers_offer_of_compression_is_declined_and_the_circuit_talks_uncompressed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = LiveServer.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var negotiate = await http.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null, timeout.Token);
        negotiate.EnsureSuccessStatusCode();
        using var negotiated = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync(timeout.Token));
        var token = negotiated.RootElement.GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        CircuitClient.OfferCompressionAsBrowsersDo(socket.Options); // the load client's offer, as a browser's
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/_blazor?id={token}"), timeout.Token);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.NotNull(socket.Options.DangerousDeflateOptions);
        Assert.NotNull(socket.HttpResponseHeaders);
        Assert.False(socket.HttpResponseHeaders.ContainsKey("Sec-WebSocket-Extensions"), "the server accepted the compression offered");

        // The circuit's hub answers SignalR's handshake over the uncompressed socket.
        var handshake = Encoding.UTF8.GetBytes($"{{\"protocol\":\"blazorpack\",\"version\":1}}{RecordSeparator}");
        await socket.SendAsync(handshake, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal($"{{}}{RecordSeparator}", Encoding.UTF8.GetString(buffer, 0, received.Count));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }
}
