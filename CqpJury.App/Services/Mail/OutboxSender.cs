using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CqpJury.App.Services.Mail;

/// <summary>
/// Delivers the outbox (issue 20). One message at a time: claim it (a conditional UPDATE that sets a
/// lease: it succeeds for one sender only, on SQLite as on PostgreSQL, whichever instance asks), prepare
/// its content once (<see cref="DecisionMail"/> issues and attaches the documents), hand it to the
/// transport, then record the outcome under the same lease. A crash between the server's acceptance and
/// that record leaves the message claimed: it is sent again once the lease runs out — at most one
/// duplicate per crash, the message in flight (docs/operations.md).
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    MailTransport transport,
    IServiceScopeFactory scopeFactory,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    private MailOptions Options => options.Value;

    /// <summary>Delivers every message due now, one after the other on one connection; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        await using var connection = transport.Open();
        while (!cancellationToken.IsCancellationRequested && await ClaimNextAsync(cancellationToken) is { } claim)
        {
            if (await DeliverAsync(connection, claim, cancellationToken))
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>The next due message, claimed for this sender (lease), or null when none is due.</summary>
    internal async Task<Claim?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        for (var round = 0; round < 20; round++)
        {
            var now = clock.GetUtcNow();
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt)
                .Select(m => m.Id).Take(8).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return null;
            }

            // Several instances look at the same first rows: each tries them in its own order.
            foreach (var id in due.OrderBy(_ => Random.Shared.Next()))
            {
                var token = Guid.NewGuid();
                var leaseUntil = now.AddSeconds(Options.LeaseSeconds);
                var claimed = await db.OutboxMessages
                    .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil <= now))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.LeaseToken, token)
                        .SetProperty(m => m.LeaseUntil, leaseUntil)
                        .SetProperty(m => m.LastAttemptAt, now)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
                if (claimed == 1)
                {
                    return new Claim(id, token);
                }
            }
        }

        return null;
    }

    private async Task<bool> DeliverAsync(MailConnection connection, Claim claim, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == claim.Id, cancellationToken);
        MimeMessage message;
        try
        {
            var content = row.Content ?? await PrepareAsync(db, row, claim, cancellationToken);
            using var stream = new MemoryStream(content);
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (UserFacingException ex)
        {
            await RecordFailureAsync(db, row, claim, new DeliveryFailure(false, ex.Message), cancellationToken);
            return false;
        }

        try
        {
            await connection.SendAsync(message, $"{row.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{row.Id:N}.eml", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = DeliveryFailure.Classify(ex);
            logger.LogWarning("Outbox message {MessageId} to {Recipient} not delivered ({Kind}): {Reason}",
                row.Id, row.RecipientAddress, failure.Permanent ? "permanent" : "temporary", failure.Reason);
            await RecordFailureAsync(db, row, claim, failure, cancellationToken);
            return false;
        }

        var now = clock.GetUtcNow();
        var recorded = await db.OutboxMessages.Where(m => m.Id == claim.Id && m.LeaseToken == claim.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.DroppedInPickup, connection.IsPickup)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LeaseToken, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        if (recorded == 0)
        {
            logger.LogWarning("Outbox message {MessageId} was sent after its lease ran out (another sender may send it too)", row.Id);
        }

        return true;
    }

    /// <summary>Builds the message's MIME content once and stores it under the claim's lease.</summary>
    private async Task<byte[]> PrepareAsync(CqpJuryDbContext db, OutboxMessage row, Claim claim, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var message = row.Purpose switch
        {
            OutboxPurpose.Decision => await scope.ServiceProvider.GetRequiredService<DecisionMail>().ComposeAsync(row, cancellationToken),
            OutboxPurpose.Convocation => await scope.ServiceProvider.GetRequiredService<ConvocationMail>().ComposeAsync(row),
            _ => throw new UserFacingException("Ce message n'a pas de contenu à envoyer."),
        };
        var content = MailContent.ToBytes(message, row.MessageId);
        await db.OutboxMessages.Where(m => m.Id == claim.Id && m.LeaseToken == claim.Token)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, content), cancellationToken);
        return content;
    }

    private async Task RecordFailureAsync(CqpJuryDbContext db, OutboxMessage row, Claim claim, DeliveryFailure failure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var giveUp = failure.Permanent || now >= row.CreatedAt.AddHours(Options.RetryForHours);
        var reason = failure.Permanent || !giveUp
            ? failure.Reason
            : $"Toujours impossible après {Options.RetryForHours} h d'essais : {failure.Reason}";
        var next = now + RetryDelay(row.Attempts);
        await db.OutboxMessages.Where(m => m.Id == claim.Id && m.LeaseToken == claim.Token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.LastError, reason.Length > 1000 ? reason[..1000] : reason)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LeaseToken, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>The pause before the next try after <paramref name="attempts"/> tries: the first delay, doubled each time, capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var first = TimeSpan.FromSeconds(Options.RetryFirstDelaySeconds);
        var cap = TimeSpan.FromMinutes(Options.RetryMaxDelayMinutes);
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, cap.Ticks));
        return delay < cap ? delay : cap;
    }

    /// <summary>A message claimed by this sender: its id and the lease's token.</summary>
    internal sealed record Claim(Guid Id, Guid Token);
}

/// <summary>MIME bytes as stored in the outbox.</summary>
internal static class MailContent
{
    public static byte[] ToBytes(MimeMessage message, string messageId)
    {
        message.MessageId = messageId;
        using var buffer = new MemoryStream();
        message.WriteTo(FormatOptions.Default, buffer);
        return buffer.ToArray();
    }
}
