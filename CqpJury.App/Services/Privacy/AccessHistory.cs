using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Privacy;

/// <summary>Where a dossier's personal content was read, in French (the access history's « Où »).</summary>
public static class AccessPlaces
{
    public const string Room = "Salle de délibération";
    public const string SecretariatDossierPage = "Fiche du dossier (secrétariat)";
    public const string UploadedDocument = "Document déposé";
    public const string OfficialDocument = "Document officiel";
    public const string Export = "Export des données du candidat (droit d'accès)";
    public const string ClosingConfirmation = "Confirmation de la clôture (destinataires des décisions)";
}

/// <summary>One line of a dossier's access history, as the secretariat reads it.</summary>
public sealed record DossierAccessLine(DateTimeOffset At, string UserName, string Place, string? Document, bool Refused, string? Reason);

/// <summary>
/// R16: who read which dossier's personal content, when, where and which document — and the refusals
/// (a member in conflict, not convened, without the commitment…). Written by the places that show or
/// serve the content, each read in a save of its own; read by the secretariat on the dossier's page.
/// </summary>
public sealed class AccessHistory(IDbContextFactory<CqpJuryDbContext> dbFactory, ActorResolver actors, TimeProvider clock)
{
    /// <summary>Records one read (or, with <paramref name="refusal"/>, one refusal) of a dossier's content.</summary>
    public async Task RecordAsync(Actor? actor, string place, Guid? dossierId, Guid? sessionId, Guid? documentId = null, string? documentLabel = null,
        string? refusal = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.DossierAccesses.Add(Entry(actor, place, dossierId, sessionId, documentId, documentLabel, refusal));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Several reads at once (a zip of documents, the recipients of a session's decisions), in one save.</summary>
    public async Task RecordAllAsync(Actor? actor, string place, IEnumerable<(Guid? DossierId, Guid? SessionId, Guid? DocumentId, string? Label)> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.DossierAccesses.AddRange(documents.Select(d => Entry(actor, place, d.DossierId, d.SessionId, d.DocumentId, d.Label, null)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds one read to <paramref name="db"/>, saved with the action that served it (an export and its journal entry).</summary>
    internal void Add(CqpJuryDbContext db, Actor? actor, string place, Guid? dossierId, Guid? sessionId, Guid? documentId = null, string? documentLabel = null) =>
        db.DossierAccesses.Add(Entry(actor, place, dossierId, sessionId, documentId, documentLabel, null));

    /// <summary>A dossier's access history, newest first (the secretariat only).</summary>
    public async Task<IReadOnlyList<DossierAccessLine>> ForDossierAsync(Guid dossierId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("Consulter l'historique des accès d'un dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.DossierAccesses.AsNoTracking().Where(a => a.DossierId == dossierId).OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        return entries.Select(a => new DossierAccessLine(a.At, a.UserName, a.Place, a.DocumentLabel, a.Outcome == DossierAccessOutcome.Refused, a.Reason)).ToList();
    }

    private DossierAccessEntry Entry(Actor? actor, string place, Guid? dossierId, Guid? sessionId, Guid? documentId, string? documentLabel, string? refusal) => new()
    {
        At = clock.GetUtcNow(),
        UserId = actor?.UserId,
        UserName = Truncate(actor?.DisplayName ?? "inconnu", 200)!,
        Place = Truncate(place, 100)!,
        DossierId = dossierId,
        SessionId = sessionId,
        DocumentId = documentId,
        DocumentLabel = Truncate(documentLabel, 300),
        Outcome = refusal is null ? DossierAccessOutcome.Read : DossierAccessOutcome.Refused,
        Reason = Truncate(refusal, 1000),
    };

    private static string? Truncate(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}
