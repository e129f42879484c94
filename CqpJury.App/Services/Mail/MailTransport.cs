using System.Net.Sockets;
using CqpJury.App.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CqpJury.App.Services.Mail;

/// <summary>
/// Hands messages to the configured SMTP server (MailKit; host, port, STARTTLS/TLS, credentials from
/// <see cref="MailOptions"/>), or, with no server configured, writes them to the pickup folder as
/// .eml files. One <see cref="MailConnection"/> per batch keeps one SMTP connection for its messages.
/// </summary>
public sealed class MailTransport(IOptions<MailOptions> options, DataPaths paths)
{
    public MailOptions Options => options.Value;

    /// <summary>The pickup folder (absolute), under the data folder.</summary>
    public string PickupFolder => Path.GetFullPath(Options.PickupFolder, paths.Root);

    public MailConnection Open() => new(this);

    internal async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = Options.Smtp;
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.Auto => SecureSocketOptions.StartTlsWhenAvailable,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host ?? string.Empty, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal async Task WriteToPickupAsync(MimeMessage message, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(PickupFolder);
        var target = Path.Combine(PickupFolder, fileName);
        var temporary = target + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        // Written whole, then renamed over any earlier copy: a retry after a crash replaces the file, never adds one.
        File.Move(temporary, target, overwrite: true);
    }
}

/// <summary>One batch's delivery channel: an SMTP connection opened at the first message and kept, or the pickup folder.</summary>
public sealed class MailConnection(MailTransport transport) : IAsyncDisposable
{
    private SmtpClient? _client;

    /// <summary>True when messages go to the pickup folder.</summary>
    public bool IsPickup => !transport.Options.UsesSmtp;

    /// <summary>Delivers <paramref name="message"/> (to its To/Cc), or throws (see <see cref="DeliveryFailure.Classify"/>).</summary>
    public async Task SendAsync(MimeMessage message, string pickupFileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsPickup)
        {
            await transport.WriteToPickupAsync(message, pickupFileName, cancellationToken);
            return;
        }

        try
        {
            _client ??= await transport.ConnectAsync(cancellationToken);
            await _client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException)
        {
            // The server answered (the connection stays usable for the next message) — unless it closed it (421).
            if (_client is { IsConnected: false })
            {
                await DropAsync();
            }

            throw;
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    private async Task DropAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ServiceNotConnectedException or OperationCanceledException)
            {
                // Already broken.
            }

            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // The messages are delivered; a failed QUIT changes nothing.
            }

            client.Dispose();
        }
    }
}

/// <summary>How a delivery failure is handled: retried later, or final (« échec »), with the reason shown.</summary>
public readonly record struct DeliveryFailure(bool Permanent, string Reason)
{
    /// <summary>
    /// A 5xx reply is permanent (the server's reply is kept); a 4xx reply, a refused or dropped
    /// connection, a timeout, a TLS or authentication problem is temporary (retried with back-off).
    /// </summary>
    public static DeliveryFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SmtpCommandException command when (int)command.StatusCode >= 500 =>
                new(true, $"Refusé par le serveur de messagerie : {(int)command.StatusCode} {command.Message}".Trim()),
            SmtpCommandException command =>
                new(false, $"Refus temporaire du serveur de messagerie : {(int)command.StatusCode} {command.Message}".Trim()),
            SocketException socket => new(false, $"Serveur de messagerie injoignable ({socket.SocketErrorCode}) : {socket.Message}"),
            AuthenticationException auth => new(false, $"Authentification refusée par le serveur de messagerie : {auth.Message}"),
            SslHandshakeException tls => new(false, $"Échec de la négociation TLS avec le serveur de messagerie : {tls.Message}"),
            SmtpProtocolException protocol => new(false, $"Connexion au serveur de messagerie interrompue : {protocol.Message}"),
            IOException io => new(false, $"Connexion au serveur de messagerie interrompue : {io.Message}"),
            TimeoutException or OperationCanceledException => new(false, "Le serveur de messagerie n'a pas répondu à temps."),
            ServiceNotConnectedException => new(false, "Connexion au serveur de messagerie perdue."),
            _ => new(false, "Erreur lors de l'envoi : " + exception.Message),
        };
    }
}
