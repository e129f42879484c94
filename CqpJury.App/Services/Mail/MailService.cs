using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Mail;

/// <summary>
/// The secretariat's mail (issue 20): each session's and dossier's messages with their statuses, resend
/// and cancel, the decisions sent again on demand, the members convened (and the convocation cancelled).
/// (What closing will send is in the president's closing confirmation: RoomQueries.PreviewClosingAsync.) Every action is checked on the
/// server, written with its journal entry in one transaction, and wakes the sender once committed.
/// </summary>
public sealed class MailService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    ReferentialCatalog catalog,
    MailTransport transport,
    OutboxSignal signal,
    TimeProvider clock)
{
    /// <summary>The session's messages, decisions to hand over and convocation state (secretariat).</summary>
    public async Task<SessionMailView> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les envois d'une session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.Status }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        var messages = await ViewsAsync(db, db.OutboxMessages.Where(m => m.SessionId == sessionId), cancellationToken);
        var closed = session.Status == SessionStatus.Closed;
        var byHand = closed ? (await DecisionMail.PlanAsync(db, catalog, sessionId, cancellationToken)).ByHand : [];
        var paper = closed ? await PaperMail.LettersAsync(db, catalog, sessionId, cancellationToken) : [];
        var convocation = await db.SessionConvocations.AsNoTracking().Where(c => c.SessionId == sessionId)
            .Select(c => new ConvocationState(c.Sequence, c.Cancelled, c.SentAt)).FirstOrDefaultAsync(cancellationToken);
        return new SessionMailView(
            messages.Where(m => m.Purpose == OutboxPurpose.Decision).ToList(),
            messages.Where(m => m.Purpose == OutboxPurpose.Convocation).ToList(),
            byHand, paper, convocation, closed, transport.Options.UsesSmtp);
    }

    /// <summary>The dossier's decision messages (secretariat).</summary>
    public async Task<IReadOnlyList<OutboxMessageView>> ForDossierAsync(Guid dossierId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les envois d'un dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, db.OutboxMessages.Where(m => m.DossierId == dossierId), cancellationToken);
    }

    /// <summary>Sends every decision of a closed session again (addresses as they are now): the secretariat's « Envoyer à nouveau ».</summary>
    public async Task<int> SendDecisionsAgainAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("envoyer à nouveau les décisions", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireClosedAsync(db, sessionId, cancellationToken);
        var plan = await DecisionMail.PlanAsync(db, catalog, sessionId, cancellationToken);
        if (plan.Messages.Count == 0)
        {
            throw new UserFacingException("Aucune décision de cette session ne peut être envoyée par courrier électronique (aucune adresse connue).");
        }

        DecisionMail.Enqueue(db, sessionId, plan.Messages, clock.GetUtcNow(), actor.DisplayName);
        audit.Add(db, actor, "Envoi des décisions", sessionId, details: $"{plan.Messages.Count} message(s) mis en file d'envoi");
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return plan.Messages.Count;
    }

    /// <summary>Sends one message again, to the recipient's address as it is now (a new message; the old one keeps its history).</summary>
    public async Task ResendAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("renvoyer un message", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var original = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken)
            ?? throw new UserFacingException("Ce message n'existe pas.");
        if (original.Status == OutboxStatus.Pending)
        {
            throw new UserFacingException("Ce message est encore en attente d'envoi : il n'y a rien à renvoyer.");
        }

        // R16: an anonymised candidate's dossier sends nothing more (its documents and addresses are erased).
        if (original.DossierId is { } dossierId && await db.Dossiers.AnyAsync(d => d.Id == dossierId && d.Candidate!.AnonymisedAt != null, cancellationToken))
        {
            throw new UserFacingException(MailTexts.AnonymisedCandidate);
        }

        var now = clock.GetUtcNow();
        if (original.Purpose == OutboxPurpose.Decision)
        {
            var plan = await DecisionMail.PlanAsync(db, catalog, original.SessionId, cancellationToken);
            var again = plan.Messages.FirstOrDefault(m => m.DossierId == original.DossierId && m.Role == original.RecipientRole)
                ?? throw new UserFacingException("Ce destinataire n'a plus d'adresse électronique : la décision est à remettre par courrier ou en main propre.");
            DecisionMail.Enqueue(db, original.SessionId, [again], now, actor.DisplayName, original.Id);
        }
        else
        {
            var address = await db.JuryMembers.AsNoTracking().Where(m => m.Id == original.JuryMemberId).Select(m => m.Email).FirstOrDefaultAsync(cancellationToken);
            db.OutboxMessages.Add(original.Again(address ?? original.RecipientAddress, DecisionMail.NewMessageId(), now, actor.DisplayName));
        }

        audit.Add(db, actor, "Renvoi d'un message", original.SessionId, original.DossierId, $"{original.Subject} → {original.RecipientName}");
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }

    /// <summary>Cancels a message still waiting (one being sent at this very moment may still leave: then it shows « envoyé »).</summary>
    public async Task CancelAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("annuler un message", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.SessionId, m.DossierId, m.Subject, m.RecipientName }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UserFacingException("Ce message n'existe pas.");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cancelled = await db.OutboxMessages.Where(m => m.Id == messageId && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                .SetProperty(m => m.CancelledAt, now)
                .SetProperty(m => m.CancelledBy, actor.DisplayName), cancellationToken);
        if (cancelled == 0)
        {
            throw new UserFacingException("Ce message n'est plus en attente : il ne peut plus être annulé.");
        }

        audit.Add(db, actor, "Annulation d'un message", message.SessionId, message.DossierId, $"{message.Subject} → {message.RecipientName}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Convenes the session's members (a convocation with its invitation; an update when the information changed since).</summary>
    public async Task<int> ConveneAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("convoquer les membres", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var count = await ConvocationMail.EnqueueConveneAsync(db, sessionId, clock.GetUtcNow(), actor.DisplayName, cancellationToken);
        audit.Add(db, actor, "Convocation des membres", sessionId, details: $"{count} convocation(s) mise(s) en file d'envoi");
        await SaveConvocationAsync(db, cancellationToken);
        signal.Notify();
        return count;
    }

    /// <summary>Cancels the session's convocation (METHOD:CANCEL to every convened member).</summary>
    public async Task<int> CancelConvocationAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("annuler la convocation", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var status = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (SessionStatus?)s.Status).FirstOrDefaultAsync(cancellationToken);
        if (status != SessionStatus.Draft)
        {
            throw new UserFacingException(status is null ? "Cette session n'existe pas." : "Seule la convocation d'une session en préparation peut être annulée.");
        }

        var count = await ConvocationMail.EnqueueCancelAsync(db, sessionId, clock.GetUtcNow(), actor.DisplayName, cancellationToken);
        audit.Add(db, actor, "Annulation de la convocation", sessionId, details: $"{count} annulation(s) mise(s) en file d'envoi");
        await SaveConvocationAsync(db, cancellationToken);
        signal.Notify();
        return count;
    }

    private static async Task SaveConvocationAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new UserFacingException("La convocation vient d'être envoyée ou modifiée par quelqu'un d'autre : rechargez la page et vérifiez avant de recommencer.");
        }
    }

    private static async Task RequireClosedAsync(CqpJuryDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var status = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (SessionStatus?)s.Status).FirstOrDefaultAsync(cancellationToken);
        if (status != SessionStatus.Closed)
        {
            throw new UserFacingException(status is null ? "Cette session n'existe pas." : "Les décisions sont envoyées une fois la session clôturée.");
        }
    }

    private static async Task<List<OutboxMessageView>> ViewsAsync(CqpJuryDbContext db, IQueryable<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var rows = await (from m in messages.AsNoTracking()
                          join d in db.Dossiers on m.DossierId equals (Guid?)d.Id into dossiers
                          from d in dossiers.DefaultIfEmpty()
                          select new OutboxMessageView(m.Id, m.Purpose, m.RecipientRole, m.DossierId, d == null ? null : d.Reference,
                              m.RecipientName, m.RecipientAddress, m.Subject, m.Contents, m.Status, m.DroppedInPickup, m.Attempts,
                              m.CreatedAt, m.LastAttemptAt, m.SentAt, m.NextAttemptAt, m.LastError, m.CancelledAt)
                          {
                              CandidateAnonymised = d != null && d.Candidate!.AnonymisedAt != null,
                          })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.DossierReference, StringComparer.Ordinal).ThenBy(m => m.Role).ThenBy(m => m.RecipientName, StringComparer.Ordinal).ToList();
    }
}
