using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CqpJury.TestServers;

/// <summary>
/// A real SMTP server on a loopback socket (the SmtpServer package, in this process) for the tests and
/// the benchmarks: every message accepted is kept as sent on the wire, parsed back with MimeKit.
/// <see cref="Reply"/> decides each message's answer (250 by default; a 421 or a 550 to test failures),
/// <see cref="StopAsync"/> / <see cref="StartAsync"/> take the port down and up again (outage tests).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private CancellationTokenSource? _stop;
    private Task? _running;

    private SmtpTestServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

#pragma warning disable CA1822 // read as the server's address, beside Port
    public string Host => "127.0.0.1";
#pragma warning restore CA1822

    /// <summary>
    /// The answer to each message's DATA, given the message and how many were received before it:
    /// null accepts (250), else a reply code and text (e.g. 421, 550). Set it before the messages arrive.
    /// </summary>
    public Func<MimeMessage, int, (int Code, string Text)?>? Reply { get; set; }

    /// <summary>A pause before answering each message's DATA (to kill a sender in the middle of a batch).</summary>
    public TimeSpan DelayPerMessage { get; set; }

    /// <summary>Messages accepted (250), in order of arrival.</summary>
    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    /// <summary>How many messages were refused (a reply other than 250).</summary>
    public int Refused => _refused;

    private int _refused;
    private int _arrived;

    /// <summary>Starts a server on a free loopback port (or on <paramref name="port"/>).</summary>
    public static async Task<SmtpTestServer> StartNewAsync(int? port = null)
    {
        var server = new SmtpTestServer(port ?? FreePort());
        await server.StartAsync();
        return server;
    }

    /// <summary>Listens (again) on <see cref="Port"/>; returns once connections are accepted.</summary>
    public async Task StartAsync()
    {
        if (_running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).SessionTimeout(TimeSpan.FromSeconds(30)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = server.StartAsync(_stop.Token);
        // Wait until the port answers.
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(10);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not listen on port {Port}.");
    }

    /// <summary>Stops listening (connections are then refused) and ends open sessions.</summary>
    public async Task StopAsync()
    {
        if (_running is null || _stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
        _stop = null;
        _running = null;
    }

    /// <summary>How many messages reached DATA (accepted, refused or still being answered).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Waits until at least <paramref name="count"/> messages reached DATA (the last one may still be waiting for its answer).</summary>
    public async Task WaitForArrivalsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Arrived < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Arrived} message(s) arrived, {count} expected.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages were accepted (or throws after <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_received.Count} message(s) received, {count} expected.");
            }

            await Task.Delay(20);
        }

        return Received;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A free TCP port on the loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var index = Interlocked.Increment(ref server._arrived) - 1;
            if (server.DelayPerMessage > TimeSpan.Zero)
            {
                await Task.Delay(server.DelayPerMessage, cancellationToken);
            }

            if (server.Reply?.Invoke(message, index) is { } reply)
            {
                Interlocked.Increment(ref server._refused);
                return new SmtpResponse((SmtpReplyCode)reply.Code, reply.Text);
            }

            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            server._received.Enqueue(new ReceivedMail(message, recipients, bytes));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A message as the test server accepted it: parsed, with its envelope recipients and raw bytes.</summary>
public sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> EnvelopeTo, byte[] Raw);
