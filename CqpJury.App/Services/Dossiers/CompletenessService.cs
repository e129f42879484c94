using CqpJury.App.Data;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// R6 (with R5.3, R7): the completeness check of a dossier as stored, and the secretariat's
/// recorded check (who, when, result, findings).
/// </summary>
public sealed class CompletenessService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    ReferentialCatalog catalog,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The findings of the dossier as stored today (none: complete).</summary>
    public async Task<IReadOnlyList<Finding>> CheckAsync(Guid dossierId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("Contrôler la complétude d'un dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var d = await DossierService.FullQuery(db).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(x => x.Id == dossierId, cancellationToken)
            ?? throw new UserFacingException(DossierService.NotFoundMessage);
        return CompletenessCheck.Check(d.ToDomain(), catalog.Get(d.CertificateCode), Today);
    }

    /// <summary>
    /// Runs the check on the dossier as stored and records it on the dossier (R6: who, when, result,
    /// findings), audited. With <paramref name="expectedStamp"/>, refuses (DbUpdateConcurrencyException)
    /// when the dossier changed since the caller loaded it. Returns the recorded check.
    /// </summary>
    public async Task<RecordedCheck> RecordCheckAsync(Guid dossierId, Guid? expectedStamp = null, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("Enregistrer le contrôle de complétude", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var d = await DossierService.FullQuery(db).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == dossierId, cancellationToken)
            ?? throw new UserFacingException(DossierService.NotFoundMessage);
        await DossierService.EnsureEditableAsync(db, dossierId, cancellationToken);

        var certificate = catalog.Find(d.CertificateCode)
            ?? throw new UserFacingException($"Le CQP « {d.CertificateCode} » de ce dossier n'est plus dans le référentiel.");
        var findings = CompletenessCheck.Check(d.ToDomain(), certificate, Today);
        if (expectedStamp is { } stamp)
        {
            db.Entry(d).Property(x => x.ConcurrencyStamp).OriginalValue = stamp;
        }

        var at = clock.GetUtcNow();
        d.ConcurrencyStamp = Guid.NewGuid();
        d.CompletenessCheckedAt = at;
        d.CompletenessCheckedBy = actor.DisplayName;
        d.CompletenessCheckPassed = findings.Count == 0;
        d.CompletenessFindings = CompletenessText.Of(findings);
        audit.Add(db, actor, "Contrôle de complétude", null, d.Id,
            findings.Count == 0
                ? $"{d.Reference} : complet."
                : $"{d.Reference} : incomplet ({findings.Count} constat{(findings.Count > 1 ? "s" : string.Empty)}).\n{d.CompletenessFindings}");
        await db.SaveChangesAsync(cancellationToken);
        return new RecordedCheck(at, actor.DisplayName, findings.Count == 0, findings.Select(f => f.ToString()).ToList());
    }
}
