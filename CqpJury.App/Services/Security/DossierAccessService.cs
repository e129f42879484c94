using CqpJury.App.Data;
using CqpJury.App.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Security;

/// <summary>
/// R16, R10, R10.2: who may see a dossier's confidential content (and its documents): the
/// secretariat, and the members convened to a session whose agenda holds the dossier who have
/// declared no link with it — never a member in conflict (known or declared) or who stood aside.
/// Every refusal is logged and audited.
/// </summary>
public sealed class DossierAccessService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    ILogger<DossierAccessService> logger)
{
    /// <summary>The acting user if they may see the dossier; otherwise <see cref="AccessDeniedException"/> (logged, audited).</summary>
    public async Task<Actor> RequireCanSeeAsync(Guid dossierId, string action, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireAsync(action, cancellationToken);
        var refusal = await RefusalAsync(actor, dossierId, cancellationToken);
        if (refusal is not null)
        {
            logger.LogWarning("Refused {Action} on dossier {DossierId} to user {UserId}: {Reason}", action, dossierId, actor.UserId, refusal);
            await audit.RecordRefusalAsync(actor, action, null, dossierId, refusal);
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
        var sessions = await (from a in db.AgendaItems
                              join m in db.SessionMembers on a.SessionId equals m.SessionId
                              where a.DossierId == dossierId && m.JuryMemberId == memberId
                              select a.SessionId).ToListAsync(cancellationToken);
        if (sessions.Count == 0)
        {
            return "Accès refusé : ce dossier n'est inscrit à aucune session de jury à laquelle vous êtes convoqué(e).";
        }

        var member = await db.JuryMembers.AsNoTracking().Include(m => m.Links).FirstAsync(m => m.Id == memberId, cancellationToken);
        var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Id == dossierId, cancellationToken);
        if (KnownConflicts.Exists(member, dossier))
        {
            return "Accès refusé : vous êtes en situation de conflit d'intérêts pour ce dossier.";
        }

        var declarations = await db.ConflictDeclarations.AsNoTracking()
            .Where(c => c.DossierId == dossierId && c.JuryMemberId == memberId && sessions.Contains(c.SessionId))
            .ToListAsync(cancellationToken);
        if (declarations.Any(c => c.HasConflict))
        {
            return "Accès refusé : vous avez déclaré un lien d'intérêts avec ce dossier.";
        }

        if (await db.StandAsides.AnyAsync(s => s.DossierId == dossierId && s.JuryMemberId == memberId && sessions.Contains(s.SessionId), cancellationToken))
        {
            return "Accès refusé : vous ne siégez pas pour ce dossier (retrait décidé pour rétablir la parité du collège délibérant).";
        }

        // R10: the content is shown only after the member has answered the conflict question.
        if (declarations.Count == 0)
        {
            return "Accès refusé : déclarez d'abord, dans la salle de délibération, si vous avez un lien avec l'entreprise ou l'organisme de formation du candidat.";
        }

        return null;
    }
}
