using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.TestServers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>Points an app under test at a real SMTP server on the loopback; the tests drive the sender themselves.</summary>
internal static class MailTestSupport
{
    public const string PublicBase = "https://jury.exemple.test";

    /// <summary>SMTP to <paramref name="smtp"/>, plain text on the loopback; the background sender off (the test calls <see cref="DeliverAsync"/>).</summary>
    public static CqpJuryAppFactory UseSmtp(this CqpJuryAppFactory factory, SmtpTestServer smtp, bool backgroundSender = false)
    {
        factory.Settings["Mail:Smtp:Host"] = smtp.Host;
        factory.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Mail:Smtp:Security"] = "None";
        factory.Settings["Mail:Smtp:TimeoutSeconds"] = "5";
        factory.Settings["Mail:SenderEnabled"] = backgroundSender ? "true" : "false";
        factory.Settings["Mail:PollSeconds"] = "1";
        factory.Settings["App:PublicBaseUrl"] = PublicBase;
        return factory;
    }

    /// <summary>One run of the sender: everything due now.</summary>
    public static Task<int> DeliverAsync(this CqpJuryAppFactory factory) =>
        factory.Services.GetRequiredService<OutboxSender>().DeliverDueAsync();

    public static async Task<List<OutboxMessage>> OutboxAsync(this CqpJuryAppFactory factory)
    {
        List<OutboxMessage> rows = [];
        await factory.WithDbAsync(async db => rows = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.RecipientAddress).ToListAsync());
        return rows;
    }

    /// <summary>The attachment's bytes as received.</summary>
    public static byte[] Bytes(this MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
