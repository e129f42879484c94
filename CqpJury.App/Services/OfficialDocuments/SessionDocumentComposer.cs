using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Room;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.OfficialDocuments;

/// <summary>One document to issue: what it says (its model, hashed), and how to print it with a stamp and sign it.</summary>
internal sealed record PlannedDocument(
    IssuedDocumentKind Kind,
    Guid? DossierId,
    string Title,
    string? CandidateName,
    string? CertificateTitle,
    string Statement,
    DateOnly JuryDate,
    string ContentHash,
    Func<VerificationStamp, DocumentSeal, byte[]> Render);

/// <summary>
/// Reads a closed session's recorded facts and turns them into the official documents' models:
/// a decision sheet per signed decision (R14), a certificate per award (R15), an attestation per
/// partial validation (R4.1), the minutes and the attendance sheet.
/// </summary>
internal static class SessionDocumentComposer
{
    private static readonly VerificationStamp HashPlaceholder = new("-", "-");

    public static async Task<IReadOnlyList<PlannedDocument>> PlanAsync(CqpJuryDbContext db, ReferentialCatalog catalog, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, cancellationToken);
        var members = await (from sm in db.SessionMembers
                             join m in db.JuryMembers.Include(x => x.Links) on sm.JuryMemberId equals m.Id
                             where sm.SessionId == sessionId
                             select m).AsNoTracking().ToListAsync(cancellationToken);
        var agenda = await db.AgendaItems.AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.Position)
            .Include(a => a.Dossier!).ThenInclude(d => d.Candidate)
            .Include(a => a.Dossier!).ThenInclude(d => d.EarlierValidations)
            .ToListAsync(cancellationToken);
        var records = await db.Deliberations.AsNoTracking().Where(d => d.SessionId == sessionId).ToListAsync(cancellationToken);
        var declarations = await db.ConflictDeclarations.AsNoTracking().Where(c => c.SessionId == sessionId && c.HasConflict).ToListAsync(cancellationToken);
        var asides = await db.StandAsides.AsNoTracking().Where(s => s.SessionId == sessionId).ToListAsync(cancellationToken);
        var attendance = await db.Attendances.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync(cancellationToken);
        // R12: a dossier postponed in an earlier session keeps that history in this session's minutes too.
        var hearings = await DossierHearings.LoadAsync(db, agenda.Select(a => a.DossierId).ToList(), cancellationToken);
        IReadOnlyList<string>? EarlierPostponements(Guid dossierId) =>
            hearings[dossierId].Where(h => h.SessionId != sessionId && h.Outcome == HearingOutcome.Postponed).Select(h => h.HistoryLine).ToList() is { Count: > 0 } lines
                ? lines
                : null;
        string NameOf(Guid id) => members.FirstOrDefault(m => m.Id == id)?.FullName ?? "membre inconnu";
        var presidentName = session.PresidentMemberId is { } p ? NameOf(p) : "non désigné";

        var planned = new List<PlannedDocument>();
        var minutesDossiers = new List<MinutesDossier>();
        foreach (var item in agenda)
        {
            var dossier = item.Dossier!;
            var candidate = dossier.Candidate!;
            var certificate = catalog.Get(dossier.CertificateCode);
            var record = records.FirstOrDefault(r => r.DossierId == dossier.Id);
            // R10: the recusals recorded when the deliberation opened (facts), not recomputed from today's links.
            var recused = record is not null
                ? record.Recused.Select(NameOf).ToList()
                : members.Where(m => KnownConflicts.Exists(m, dossier) || declarations.Any(d => d.DossierId == dossier.Id && d.JuryMemberId == m.Id))
                    .Select(m => m.FullName).ToList();
            var stoodAside = asides.Where(a => a.DossierId == dossier.Id).Select(a => NameOf(a.JuryMemberId)).ToList();
            var panel = record?.Panel.Select(NameOf).ToList() ?? [];

            if (record is { State: DeliberationState.Decided, SignedAt: { } signedAt, DecidedValidations: { } decided })
            {
                var validatedNow = DeliberationReplay.DecodeValidations(decided).Where(kv => kv.Value).Select(kv => kv.Key);
                var earlier = dossier.EarlierValidations.Select(v => new CompetenceAcquisition(v.CompetenceCode, v.ValidatedOn));
                var outcome = OutcomeCalculator.Compute(certificate, validatedNow, earlier, session.Date);
                var lines = certificate.Competences.Select((c, i) =>
                {
                    var result = outcome.For(c.Code);
                    return new CompetenceLine(i + 1, c.Title, result.Standing, result.ValidUntil);
                }).ToList();
                var signer = record.SignedByName ?? presidentName;
                minutesDossiers.Add(new MinutesDossier(dossier.Reference, candidate.OfficialName, certificate.Title, panel, recused, stoodAside, false, null, outcome.Outcome, lines, EarlierPostponements(dossier.Id)));

                var sheet = new DecisionSheetModel(certificate.Title, candidate.OfficialName, dossier.Reference, session.Date, lines, outcome.Outcome,
                    record.Comments, record.ObservationsAnswer, signer, signedAt, HashPlaceholder);
                planned.Add(new PlannedDocument(IssuedDocumentKind.DecisionSheet, dossier.Id, $"Fiche de décision – {candidate.OfficialName}",
                    candidate.OfficialName, certificate.Title, outcome.Outcome.ToFrench(), session.Date, Hash(sheet),
                    (stamp, seal) => PdfDocuments.DecisionSheet(sheet with { Stamp = stamp }, seal)));

                if (outcome.Outcome == DecisionOutcome.Awarded)
                {
                    var diploma = new CertificateModel(candidate.OfficialName, candidate.BirthDate, certificate.Title, session.Date, lines, signer, HashPlaceholder);
                    planned.Add(new PlannedDocument(IssuedDocumentKind.Certificate, dossier.Id, $"Certificat – {candidate.OfficialName}",
                        candidate.OfficialName, certificate.Title, "CQP délivré", session.Date, Hash(diploma),
                        (stamp, seal) => PdfDocuments.Certificate(diploma with { Stamp = stamp }, seal)));
                }
                else if (outcome.Outcome == DecisionOutcome.PartiallyValidated)
                {
                    var attestation = new PartialAttestationModel(candidate.OfficialName, candidate.BirthDate, certificate.Title, session.Date,
                        lines.Where(l => l.IsValidated).ToList(), signer, HashPlaceholder);
                    planned.Add(new PlannedDocument(IssuedDocumentKind.PartialAttestation, dossier.Id, $"Attestation de validation partielle – {candidate.OfficialName}",
                        candidate.OfficialName, certificate.Title, "Validation partielle", session.Date, Hash(attestation),
                        (stamp, seal) => PdfDocuments.PartialAttestation(attestation with { Stamp = stamp }, seal)));
                }
            }
            else
            {
                var postponed = record?.State == DeliberationState.Postponed;
                minutesDossiers.Add(new MinutesDossier(dossier.Reference, candidate.OfficialName, certificate.Title, panel, recused, stoodAside,
                    postponed, postponed ? record!.PostponementReason : "Non délibéré", null, [], EarlierPostponements(dossier.Id)));
            }
        }

        var present = members.Where(m => attendance.Any(a => a.JuryMemberId == m.Id))
            .OrderBy(m => m.Seat).ThenBy(m => m.LastName, StringComparer.CurrentCulture)
            .Select(m => new MinutesMember(m.FullName, m.Seat, m.Id == session.PresidentMemberId)).ToList();
        var minutes = new SessionMinutesModel(session.Title, session.Date, session.StartTime, session.Place, session.VideoLink, present, presidentName,
            minutesDossiers, session.ClosedAt ?? session.CreatedAt, HashPlaceholder, await JournalAnchorAsync(db, sessionId, cancellationToken));
        planned.Add(new PlannedDocument(IssuedDocumentKind.SessionMinutes, null, $"Procès-verbal – {session.Title}", null, null,
            $"Procès-verbal : {minutesDossiers.Count} dossier(s)", session.Date, Hash(minutes),
            (stamp, seal) => PdfDocuments.SessionMinutes(minutes with { Stamp = stamp }, seal)));

        var sheetLines = members.OrderBy(m => m.Seat).ThenBy(m => m.LastName, StringComparer.CurrentCulture)
            .Select(m => new AttendanceLine(m.FullName, m.Seat, attendance.Any(a => a.JuryMemberId == m.Id), attendance.FirstOrDefault(a => a.JuryMemberId == m.Id)?.FirstJoinedAt))
            .ToList();
        var attendanceSheet = new AttendanceSheetModel(session.Title, session.Date, session.Place, sheetLines, presidentName, HashPlaceholder);
        planned.Add(new PlannedDocument(IssuedDocumentKind.AttendanceSheet, null, $"Feuille d'émargement – {session.Title}", null, null,
            $"Feuille d'émargement : {sheetLines.Count(l => l.Present)} présent(s) sur {sheetLines.Count}", session.Date, Hash(attendanceSheet),
            (stamp, seal) => PdfDocuments.AttendanceSheet(attendanceSheet with { Stamp = stamp }, seal)));
        return planned;
    }

    /// <summary>
    /// R16: the journal's head at closing — the closing entry's place and hash, which seals every entry before it —
    /// as the minutes print it, so that the paper anchors the electronic journal; null before the closing.
    /// </summary>
    private static async Task<string?> JournalAnchorAsync(CqpJuryDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var closing = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SessionId == sessionId && a.Action == Room.Commands.CloseSession.JournalAction && a.Hash != null)
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        return closing is null ? null : $"Journal électronique à la clôture : entrée n° {closing.Sequence}, empreinte SHA-256 {closing.Hash}";
    }

    /// <summary>SHA-256 of what the document states (its model without the stamp), as canonical JSON.</summary>
    private static string Hash<T>(T model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model))));
}
