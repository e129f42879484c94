using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.Benchmarks.Core;
using CqpJury.Benchmarks.Storage;
using CqpJury.TestServers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CqpJury.Benchmarks.Mail;

/// <summary>
/// Figure 9 (issue 20): the outbox sender's throughput to an SMTP server on the loopback (the SmtpServer package in
/// this process, a real socket). A session of 50 candidates, each with an employer: 100 messages, the candidates'
/// carrying two PDFs, the employers' one (60 KB each, about the size of an issued sheet or certificate), delivered
/// by one sender (claim, send, record, one at a time on one SMTP connection) on SQLite.
/// </summary>
public static class MailDeliveryBenchmark
{
    private const int Candidates = 50;
    private const int PdfBytes = 60 * 1024;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var runs = options.Mode switch { BenchmarkMode.Full => 5, BenchmarkMode.Quick => 3, _ => 1 };
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = await AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = smtp.Host,
            ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:SenderEnabled"] = "false",
        });
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        var sender = host.Services.GetRequiredService<OutboxSender>();
        var sessionId = await SessionAsync(dbFactory);
        var perSecond = new List<double>();
        var session = new List<double>();
        var cpuPerMessage = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            var messages = await EnqueueAsync(dbFactory, sessionId, run);
            var before = smtp.Received.Count;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var delivered = await sender.DeliverDueAsync();
            clock.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (delivered != messages || smtp.Received.Count - before != messages)
            {
                throw new InvalidOperationException($"{delivered} delivered, {smtp.Received.Count - before} received, {messages} written.");
            }

            if (run >= 0)
            {
                perSecond.Add(messages / clock.Elapsed.TotalSeconds);
                session.Add(clock.Elapsed.TotalSeconds);
                cpuPerMessage.Add(cpuMs / messages);
            }

            log($"  run {run}: {messages} messages in {clock.Elapsed.TotalSeconds:0.00} s ({messages / clock.Elapsed.TotalSeconds:0} messages/s), process CPU {cpuMs / messages:0.0} ms per message");
        }

        const string how = "One sender, SQLite outbox, SMTP on the loopback (SmtpServer package in the benchmark's process), 100 messages of a 50-candidate session (candidates: 2 PDFs of 60 KB; employers: 1); content prepared (documents already issued).";
        return
        [
            Figure.FromRuns("9a", "Mail sender throughput to a local SMTP server", "messages/s", perSecond, "—", null, how),
            Figure.FromRuns("9b", "A 50-candidate session's decisions (100 messages) delivered", "s", session, "≤ 10 s", s => s <= 10, how),
            Figure.FromRuns("9c", "Process CPU per message delivered (sender and the in-process SMTP server together)", "ms", cpuPerMessage, "—", null,
                "What the machine's load does not change much: 100 messages × this figure is the CPU a 50-candidate session costs (an upper bound for the sender alone)."),
        ];
    }

    private static async Task<Guid> SessionAsync(IDbContextFactory<CqpJuryDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var session = new JurySession { Id = Guid.NewGuid(), Title = "Mesure des envois", Date = new DateOnly(2026, 12, 1), Status = SessionStatus.Closed, CreatedAt = DateTimeOffset.UtcNow };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>Writes the session's 100 messages, ready to send (MIME content stored, as after a first try's preparation).</summary>
    private static async Task<int> EnqueueAsync(IDbContextFactory<CqpJuryDbContext> dbFactory, Guid sessionId, int run)
    {
        var pdf = new byte[PdfBytes];
        Random.Shared.NextBytes(pdf);
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var count = 0;
        for (var i = 0; i < Candidates; i++)
        {
            foreach (var role in new[] { OutboxRecipientRole.Candidate, OutboxRecipientRole.Employer })
            {
                var address = role == OutboxRecipientRole.Candidate ? $"candidat{i}.run{run + 1}@exemple.test" : $"rh{i}.run{run + 1}@employeur.test";
                var message = new MimeMessage { Subject = "Décision du jury paritaire – CQP Assistant(e) de formation" };
                message.From.Add(new MailboxAddress("Secrétariat de la CPEF", "secretariat.cpef@exemple.test"));
                message.To.Add(new MailboxAddress($"Destinataire {i}", address));
                var body = new BodyBuilder { TextBody = "Bonjour,\n\nVous trouverez en pièce jointe la fiche individuelle de décision.\n", HtmlBody = "<p>Bonjour,</p><p>Vous trouverez en pièce jointe la fiche individuelle de décision.</p>" };
                body.Attachments.Add("fiche-decision.pdf", pdf, new ContentType("application", "pdf"));
                if (role == OutboxRecipientRole.Candidate)
                {
                    body.Attachments.Add("certificat.pdf", pdf, new ContentType("application", "pdf"));
                }

                message.Body = body.ToMessageBody();
                var messageId = DecisionMail.NewMessageId();
                message.MessageId = messageId;
                using var buffer = new MemoryStream();
                await message.WriteToAsync(buffer);
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = Guid.NewGuid(),
                    Purpose = OutboxPurpose.Decision,
                    RecipientRole = role,
                    SessionId = sessionId,
                    RecipientName = $"Destinataire {i}",
                    RecipientAddress = address,
                    Subject = message.Subject,
                    Contents = "fiche de décision",
                    Content = buffer.ToArray(),
                    MessageId = messageId,
                    Status = OutboxStatus.Pending,
                    CreatedAt = now,
                    CreatedBy = "benchmark",
                    NextAttemptAt = now,
                });
                count++;
            }
        }

        await db.SaveChangesAsync();
        return count;
    }
}
