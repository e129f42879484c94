using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Security;

/// <summary>
/// R16, R10, R10.2: who may see a dossier's confidential content (and its documents): the
/// secretariat, and the members convened to a session whose agenda holds the dossier who have
/// declared no link with it — never a member in conflict (known or declared) or who stood aside,
/// and no member once that session is closed (access ends when the need ends).
/// Every refusal is logged and audited.
/// </summary>
public sealed class DossierAccessService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    Privacy.AccessHistory history,
    ILogger<DossierAccessService> logger)
{
    public const string ClosedSessionRefusal =
        "Accès refusé : la session est clôturée. Les documents de travail de ses dossiers ne sont plus accessibles aux membres du jury ; adressez-vous au secrétariat.";

    /// <summary>The acting user if they may see the dossier; otherwise <see cref="AccessDeniedException"/> (logged, audited).</summary>
    public async Task<Actor> RequireCanSeeAsync(Guid dossierId, string action, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireAsync(action, cancellationToken);
        var refusal = await RefusalAsync(actor, dossierId, cancellationToken);
        if (refusal is not null)
        {
            logger.LogWarning("Refused {Action} on dossier {DossierId} to user {UserId}: {Reason}", action, dossierId, actor.UserId, refusal);
            await audit.RecordRefusalAsync(actor, action, null, dossierId, refusal);
            await history.RecordAsync(actor, action, dossierId, null, refusal: refusal, cancellationToken: cancellationToken);
            throw new AccessDeniedException(refusal);
        }

        return actor;
    }

    public async Task<bool> CanSeeAsync(Actor actor, Guid dossierId, CancellationToken cancellationToken = default) =>
        await RefusalAsync(actor, dossierId, cancellationToken) is null;

    /// <summary>Null when allowed; otherwise the French reason.</summary>
    private async Task<string?> RefusalAsync(Actor actor, Guid dossierId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsSecretariat)
        {
            return null;
        }

        if (actor.JuryMemberId is not { } memberId)
        {
            return "Accès refusé : ce dossier est confidentiel.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var convened = await (from a in db.AgendaItems
                              join m in db.SessionMembers on a.SessionId equals m.SessionId
                              join s in db.Sessions on a.SessionId equals s.Id
                              where a.DossierId == dossierId && m.JuryMemberId == memberId
                              select new { a.SessionId, s.Status }).ToListAsync(cancellationToken);
        if (convened.Count == 0)
        {
            return "Accès refusé : ce dossier n'est inscrit à aucune session de jury à laquelle vous êtes convoqué(e).";
        }

        // R16: access ends when the need ends. Once the session is closed, its dossiers' working
        // documents are the secretariat's alone (official documents follow OfficialDocumentService).
        var sessions = convened.Where(c => c.Status != SessionStatus.Closed).Select(c => c.SessionId).ToList();
        if (sessions.Count == 0)
        {
            return ClosedSessionRefusal;
        }

        var member = await db.JuryMembers.AsNoTracking().Include(m => m.Links).FirstAsync(m => m.Id == memberId, cancellationToken);
        var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == dossierId, cancellationToken);
        if (KnownConflicts.Exists(member, dossier))
        {
            return "Accès refusé : vous êtes en situation de conflit d'intérêts pour ce dossier (R10).";
        }

        var declarations = await db.ConflictDeclarations.AsNoTracking()
            .Where(c => c.DossierId == dossierId && c.JuryMemberId == memberId && sessions.Contains(c.SessionId))
            .ToListAsync(cancellationToken);
        if (declarations.Any(c => c.HasConflict))
        {
            return "Accès refusé : vous avez déclaré un lien d'intérêts avec ce dossier (R10.2).";
        }

        if (await db.StandAsides.AnyAsync(s => s.DossierId == dossierId && s.JuryMemberId == memberId && sessions.Contains(s.SessionId), cancellationToken))
        {
            return "Accès refusé : vous vous êtes retiré(e) de ce dossier (R10.1).";
        }

        // R16: nothing of a session's dossiers before the member accepted its confidentiality commitment.
        if (!await db.ConfidentialityAcceptances.AnyAsync(c => c.JuryMemberId == memberId && sessions.Contains(c.SessionId), cancellationToken))
        {
            return "Accès refusé : " + Privacy.ConfidentialityCommitment.Required;
        }

        // R10: the content is shown only after the member has answered the conflict question.
        if (declarations.Count == 0)
        {
            return "Accès refusé : déclarez d'abord, dans la salle de délibération, si vous avez un lien avec l'entreprise ou l'organisme de formation du candidat (R10).";
        }

        return null;
    }
}
