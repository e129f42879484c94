using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CqpJury.App.Services.Mail;

/// <summary>
/// The app's public address for what leaves it without a browser request (e-mails, documents issued by
/// the sender): <c>App:PublicBaseUrl</c>, else the first address the server listens on (set the setting
/// in production: the address members and candidates can reach).
/// </summary>
public sealed class PublicAddress(IConfiguration configuration, IServer server)
{
    public string Base
    {
        get
        {
            if (configuration["App:PublicBaseUrl"] is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost:5025").Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }
}
