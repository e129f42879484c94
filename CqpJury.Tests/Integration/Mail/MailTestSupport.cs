using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.TestServers;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>A test of the demo data with a real SMTP server on the loopback; the test drives the sender (<see cref="MailTestSupport.DeliverAsync"/>).</summary>
public abstract class SmtpDemoTest : IAsyncLifetime
{
    protected SmtpTestServer Smtp { get; private set; } = null!;

    protected CqpJuryAppFactory Factory { get; private set; } = null!;

    internal RoomScenario S { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartNewAsync();
        Factory = new CqpJuryAppFactory().UseSmtp(Smtp);
        S = await RoomScenario.SeedAsync(Factory);
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Smtp.DisposeAsync();
    }
}

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

    /// <summary>
    /// Writes <paramref name="count"/> ready-made messages (content prepared, as the sender stores it after its first
    /// try) to the outbox of <paramref name="sessionId"/>: many messages without many sessions, for the crash and
    /// several-instance tests. Returns their Message-Ids.
    /// </summary>
    public static async Task<List<string>> AddPreparedMessagesAsync(this CqpJuryAppFactory factory, Guid sessionId, int count)
    {
        var now = factory.Clock.GetUtcNow();
        var ids = new List<string>();
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var messageId = $"{Guid.NewGuid():N}@cqpjury.test";
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress("Secrétariat de la CPEF", "secretariat.cpef@exemple.test"));
                message.To.Add(new MailboxAddress($"Destinataire {i}", $"destinataire{i}@exemple.test"));
                message.Subject = $"Message {i}";
                message.Body = new TextPart("plain") { Text = $"Message numéro {i}." };
                message.MessageId = messageId;
                using var buffer = new MemoryStream();
                await message.WriteToAsync(buffer);
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = Guid.NewGuid(),
                    Purpose = OutboxPurpose.Convocation,
                    RecipientRole = OutboxRecipientRole.Member,
                    SessionId = sessionId,
                    RecipientName = $"Destinataire {i}",
                    RecipientAddress = $"destinataire{i}@exemple.test",
                    Subject = message.Subject,
                    Contents = "message de test",
                    Content = buffer.ToArray(),
                    MessageId = messageId,
                    Status = OutboxStatus.Pending,
                    CreatedAt = now.AddTicks(i),
                    CreatedBy = "test",
                    NextAttemptAt = now,
                });
                ids.Add(messageId);
            }

            await db.SaveChangesAsync();
        });
        return ids;
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
