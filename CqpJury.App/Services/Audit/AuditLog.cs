using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Audit;

/// <summary>
/// The append-only audit log: entries are only ever added, in the same transaction as the action
/// they record (pass the action's context), never updated or deleted.
/// </summary>
public sealed class AuditLog(TimeProvider clock, IDbContextFactory<CqpJuryDbContext> dbFactory)
{
    /// <summary>Adds an entry to <paramref name="db"/>; it is saved with the action.</summary>
    public void Add(CqpJuryDbContext db, Actor? actor, string action, Guid? sessionId = null, Guid? dossierId = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = actor?.UserId,
            UserName = actor?.DisplayName ?? "système",
            Action = action,
            SessionId = sessionId,
            DossierId = dossierId,
            Details = details is { Length: > 4000 } ? details[..4000] : details,
        });
    }

    /// <summary>Records a refused action on its own (the refused action changed nothing).</summary>
    public async Task RecordRefusalAsync(Actor? actor, string action, Guid? sessionId, Guid? dossierId, string reason)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        Add(db, actor, "Refus : " + action, sessionId, dossierId, reason);
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<AuditEntry>> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }
}
