using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Mail;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.App.Services.Room;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Privacy;

/// <summary>Everything CqpJury holds about one candidate, as read for an export (R16, right of access).</summary>
internal sealed record CandidateData(
    Candidate Candidate,
    IReadOnlyList<DossierEntity> Dossiers,
    ILookup<Guid, DossierSessionInfo> Hearings,
    IReadOnlyList<(DeliberationRecord Record, string SessionTitle, DateOnly JuryDate)> Deliberations,
    IReadOnlyList<DossierDocument> Documents,
    IReadOnlyList<IssuedDocument> Issued,
    IReadOnlyList<OutboxMessageView> Messages,
    IReadOnlyList<AuditEntry> Journal,
    IReadOnlyList<DossierAccessEntry> Accesses)
{
    /// <summary>The uploaded documents with their entry names in the zip: <c>documents-deposes/&lt;dossier&gt;/NN-nom</c>.</summary>
    public IEnumerable<(DossierEntity Dossier, DossierDocument Document, string EntryName)> UploadedFiles() =>
        Dossiers.SelectMany(d => Documents.Where(x => x.DossierId == d.Id).Select((x, i) =>
            (d, x, $"documents-deposes/{d.Reference}/{i + 1:00}-{DocumentService.SanitizeFileName(x.OriginalFileName)}")));

    /// <summary>The official documents with their entry names: <c>documents-officiels/&lt;dossier&gt;/nom</c>.</summary>
    public IEnumerable<(IssuedDocument Document, string EntryName)> IssuedFiles() =>
        Dossiers.SelectMany(d => Issued.Where(x => x.DossierId == d.Id).Select((x, i) =>
            (x, $"documents-officiels/{d.Reference}/{i + 1:00}-{OfficialDocumentService.FileName(x)}")));
}

/// <summary>
/// The export's <c>donnees-candidat.json</c>: keys and values in French, as a data-protection officer reads them
/// (dates in French, Paris time, documents named by their file in the zip with their SHA-256 fingerprints).
/// </summary>
internal static class CandidateDataExport
{
    public const string JsonEntryName = "donnees-candidat.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file to read, never embedded in a page: accents and « » as they are
    };

    private static readonly string[] NotIncluded =
    [
        "Les votes individuels des membres du jury et leurs déclarations de liens d'intérêts : ce sont des données des membres, couvertes par la confidentialité des "
            + "délibérations ; la décision du jury, collective, figure ci-dessus avec ses motifs.",
        "Les statistiques de la Branche : elles ne contiennent aucun nom et ne permettent pas d'identifier un candidat.",
    ];

    public static async Task<CandidateData> LoadAsync(CqpJuryDbContext db, Candidate candidate, CancellationToken cancellationToken)
    {
        var dossiers = await db.Dossiers.AsNoTracking().WithContent().Where(d => d.CandidateId == candidate.Id).OrderBy(d => d.Reference).ToListAsync(cancellationToken);
        var ids = dossiers.Select(d => d.Id).ToList();
        var deliberations = await (from d in db.Deliberations.AsNoTracking()
                                   join s in db.Sessions on d.SessionId equals s.Id
                                   where ids.Contains(d.DossierId) && (d.State == DeliberationState.Decided || d.State == DeliberationState.Postponed)
                                   select new { Record = d, s.Title, s.Date }).ToListAsync(cancellationToken);
        return new CandidateData(
            candidate,
            dossiers,
            await DossierHearings.LoadAsync(db, ids, cancellationToken),
            deliberations.OrderBy(d => d.Date).ThenBy(d => d.Record.OpenedAt).Select(d => (d.Record, d.Title, d.Date)).ToList(),
            dossiers.SelectMany(d => d.Documents.OrderBy(x => x.Kind).ThenBy(x => x.UploadedAt)).ToList(),
            (await db.IssuedDocuments.AsNoTracking().Where(x => x.DossierId != null && ids.Contains(x.DossierId.Value)).ToListAsync(cancellationToken))
                .OrderBy(x => x.IssuedAt).ThenBy(x => x.Kind).ToList(),
            (await db.OutboxMessages.AsNoTracking().Where(m => m.DossierId != null && ids.Contains(m.DossierId.Value))
                .Select(m => new OutboxMessageView(m.Id, m.Purpose, m.RecipientRole, m.DossierId, null, m.RecipientName, m.RecipientAddress, m.Subject, m.Contents,
                    m.Status, m.DroppedInPickup, m.Attempts, m.CreatedAt, m.LastAttemptAt, m.SentAt, m.NextAttemptAt, m.LastError, m.CancelledAt))
                .ToListAsync(cancellationToken)).OrderBy(m => m.CreatedAt).ToList(),
            await db.AuditEntries.AsNoTracking().Where(a => a.DossierId != null && ids.Contains(a.DossierId.Value)).OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(cancellationToken),
            await db.DossierAccesses.AsNoTracking().Where(a => a.DossierId != null && ids.Contains(a.DossierId.Value)).OrderBy(a => a.Id).ToListAsync(cancellationToken));
    }

    public static byte[] ToJson(CandidateData data, IReadOnlyDictionary<Guid, ExportedFile> files, ReferentialCatalog catalog, DateTimeOffset now, string by)
    {
        var c = data.Candidate;
        var root = new JsonObject
        {
            ["À propos de ce fichier"] = "Toutes les données que CqpJury (l'application des jurys paritaires de la Branche qui délivrent les CQP) détient sur "
                + "cette personne, candidate à un CQP, rassemblées pour répondre à sa demande d'accès (article 15 du RGPD). Les documents qu'elle ou son organisme "
                + "ont fournis et les documents officiels émis à son nom sont joints dans l'archive, dans les dossiers « documents-deposes » et « documents-officiels » ; "
                + "chacun est nommé ci-dessous avec son empreinte SHA-256, qui permet de vérifier qu'il est bien celui que CqpJury a enregistré. "
                + "Les dates et heures sont celles de Paris.",
            ["Établi le"] = Instant(now),
            ["Établi par"] = by,
            ["Candidat"] = new JsonObject
            {
                ["Nom"] = c.LastName,
                ["Prénom"] = c.FirstName,
                ["Date de naissance"] = Date(c.BirthDate),
                ["Adresse électronique (où la décision est envoyée)"] = c.Email,
                ["Adresse postale (où les courriers sont envoyés)"] = c.PostalAddress is { } address
                    ? new JsonObject
                    {
                        ["Adresse"] = address.Line1,
                        ["Complément d'adresse"] = address.Line2,
                        ["Code postal"] = address.PostalCode,
                        ["Ville"] = address.City,
                        ["Pays"] = string.IsNullOrWhiteSpace(address.Country) ? PostalAddress.DefaultCountry : address.Country,
                    }
                    : null,
            },
            ["Dossiers"] = Array(data.Dossiers.Select(d => Dossier(data, d, files, catalog))),
            ["Ce qui n'est pas dans cet export"] = Array(NotIncluded),
        };
        return JsonSerializer.SerializeToUtf8Bytes(root, Json);
    }

    private static JsonObject Dossier(CandidateData data, DossierEntity d, IReadOnlyDictionary<Guid, ExportedFile> files, ReferentialCatalog catalog)
    {
        var certificate = catalog.Find(d.CertificateCode);
        string CompetenceName(string code) =>
            certificate?.FindCompetence(code) is { } competence ? $"{code} – {competence.Title}" : code;

        return new JsonObject
        {
            ["Référence du dossier"] = d.Reference,
            ["Créé le"] = Instant(d.CreatedAt),
            ["CQP visé"] = certificate is null ? d.CertificateCode : $"{certificate.Code} – {certificate.Title}",
            ["Parcours"] = d.Route.ToFrench(),
            ["Entreprise (employeur)"] = d.Employer is { } employer
                ? new JsonObject
                {
                    ["Nom"] = employer.Name,
                    ["SIRET"] = employer.Siret,
                    ["Ville"] = employer.City,
                    ["Adresse électronique de l'entreprise pour ce dossier"] = d.EmployerContactEmailOverride,
                }
                : null,
            ["Organisme de formation"] = d.TrainingOrganisation?.Name,
            ["Professionnel du secteur (évaluateur)"] = d.SectorProfessional?.FullName,
            ["Évaluateur externe"] = d.ExternalAssessor?.FullName,
            ["Date de l'évaluation"] = Date(d.EvaluationDate),
            ["Évaluation signée par le professionnel du secteur"] = d.SignedBySectorProfessional,
            ["Évaluation signée par l'évaluateur externe"] = d.SignedByExternalAssessor,
            ["Évaluation par compétence"] = Array(d.Evaluations.OrderBy(e => certificate?.PositionOf(e.CompetenceCode) ?? 0).ThenBy(e => e.CompetenceCode, StringComparer.Ordinal)
                .Select(e => new JsonObject
                {
                    ["Compétence"] = CompetenceName(e.CompetenceCode),
                    ["Maîtrisée selon les évaluateurs"] = e.EvaluatorsSayMastered,
                    ["Éléments de la grille"] = Array(e.Elements.OrderBy(x => x.Position).Select(x => new JsonObject
                    {
                        ["Élément"] = x.Label,
                        ["Incontournable"] = x.IsEssential,
                        ["Appréciation"] = x.Status.ToFrench(),
                    })),
                })),
            ["Validations obtenues auprès d'un jury antérieur"] = Array(d.EarlierValidations.OrderBy(v => v.ValidatedOn).Select(v => new JsonObject
            {
                ["Compétence"] = CompetenceName(v.CompetenceCode),
                ["Validée le"] = Date(v.ValidatedOn),
                ["Compte jusqu'au"] = Date(CompetenceAcquisition.LastDayHeld(v.ValidatedOn)),
            })),
            ["Recevabilité de la VAE"] = d.AdmissibilityRequestDate is { } requested
                ? new JsonObject
                {
                    ["Demande déposée le"] = Date(requested),
                    ["Décision"] = d.AdmissibilityAccepted switch { true => "recevable", false => "non recevable", null => "non encore examinée" },
                    ["Examinée par"] = d.AdmissibilityReviewedBy,
                    ["Examinée le"] = Date(d.AdmissibilityReviewedOn),
                    ["Périodes d'activité déclarées"] = Array(d.ActivityPeriods.OrderBy(p => p.Start).Select(p => new JsonObject
                    {
                        ["Du"] = Date(p.Start),
                        ["Au"] = p.End is { } end ? Date(end) : "en cours",
                        ["Activité"] = p.Description,
                    })),
                }
                : null,
            ["Observations du candidat sur son évaluation"] = d.CandidateObservations,
            ["Contrôle de complétude par le secrétariat"] = d.CompletenessCheckedAt is { } checkedAt
                ? new JsonObject
                {
                    ["Le"] = Instant(checkedAt),
                    ["Par"] = d.CompletenessCheckedBy,
                    ["Résultat"] = d.CompletenessCheckPassed == true ? "complet" : "incomplet",
                    ["Constats"] = Array(CompletenessText.Lines(d.CompletenessFindings)),
                }
                : null,
            ["Sessions de jury"] = Array(data.Hearings[d.Id].Select(h => h.HistoryLine)),
            ["Décisions et ajournements du jury"] = Array(data.Deliberations.Where(x => x.Record.DossierId == d.Id).Select(x => Decision(x.Record, x.SessionTitle, x.JuryDate, CompetenceName))),
            ["Documents déposés"] = Array(data.Documents.Where(x => x.DossierId == d.Id).Select(x => new JsonObject
            {
                ["Nature"] = x.Kind.ToFrench(),
                ["Nom du fichier déposé"] = x.OriginalFileName,
                ["Fichier dans l'archive"] = files.GetValueOrDefault(x.Id)?.EntryName,
                ["Taille (octets)"] = x.SizeBytes,
                ["Empreinte SHA-256 enregistrée"] = x.Sha256,
                ["Déposé le"] = Instant(x.UploadedAt),
                ["Déposé par"] = x.UploadedBy,
                ["Remarque"] = files.GetValueOrDefault(x.Id)?.Remark,
            })),
            ["Documents officiels émis"] = Array(data.Issued.Where(x => x.DossierId == d.Id).Select(x => new JsonObject
            {
                ["Document"] = x.Kind.ToFrench(),
                ["Ce qu'il atteste"] = x.Statement,
                ["Date du jury"] = Date(x.JuryDate),
                ["Code de vérification"] = x.VerificationCode,
                ["Émis le"] = Instant(x.IssuedAt),
                ["Émis par"] = x.IssuedBy,
                ["Fichier dans l'archive"] = files.GetValueOrDefault(x.Id)?.EntryName,
                ["Empreinte SHA-256 enregistrée"] = x.FileSha256,
                ["Remarque"] = files.GetValueOrDefault(x.Id)?.Remark,
            })),
            ["Courriels envoyés au sujet de ce dossier"] = Array(data.Messages.Where(m => m.DossierId == d.Id).Select(m => new JsonObject
            {
                ["Destinataire"] = m.RoleText,
                ["Nom du destinataire"] = m.RecipientName,
                ["Adresse électronique"] = m.RecipientAddress,
                ["Objet"] = m.Subject,
                ["Contenu"] = m.Contents,
                ["État"] = $"{m.StatusText} ({m.Detail})",
                ["Écrit le"] = Instant(m.CreatedAt),
            })),
            ["Journal des actions sur ce dossier"] = Array(data.Journal.Where(a => a.DossierId == d.Id).Select(a => new JsonObject
            {
                ["Le"] = Instant(a.At),
                ["Par"] = a.UserName,
                ["Action"] = a.Action,
                ["Détails"] = a.Details,
            })),
            ["Historique des accès à ce dossier (qui a lu quoi)"] = Array(data.Accesses.Where(a => a.DossierId == d.Id).Select(a => new JsonObject
            {
                ["Le"] = Instant(a.At),
                ["Qui"] = a.UserName,
                ["Où"] = a.Place,
                ["Document"] = a.DocumentLabel,
                ["Résultat"] = a.Outcome == DossierAccessOutcome.Refused ? "refusé : " + a.Reason : "consulté",
            })),
        };
    }

    private static JsonObject Decision(DeliberationRecord r, string sessionTitle, DateOnly juryDate, Func<string, string> competenceName) =>
        r.State == DeliberationState.Postponed
            ? new JsonObject
            {
                ["Session"] = sessionTitle,
                ["Date du jury"] = Date(juryDate),
                ["Suite donnée"] = "ajourné",
                ["Motif de l'ajournement"] = r.PostponementReason,
                ["Le"] = r.PostponedAt is { } at ? Instant(at) : null,
            }
            : new JsonObject
            {
                ["Session"] = sessionTitle,
                ["Date du jury"] = Date(juryDate),
                ["Décision"] = r.Outcome?.ToFrench(),
                ["Compétences"] = Array(DeliberationReplay.DecodeValidations(r.DecidedValidations).Select(v => new JsonObject
                {
                    ["Compétence"] = competenceName(v.Key),
                    ["Validée"] = v.Value,
                    ["Compte jusqu'au"] = v.Value && r.Outcome == DecisionOutcome.PartiallyValidated ? Date(CompetenceAcquisition.LastDayHeld(juryDate)) : null,
                })),
                ["Commentaires du jury"] = r.Comments,
                ["Réponse du jury aux observations du candidat"] = r.ObservationsAnswer,
                ["Décidée le"] = r.DecidedAt is { } decided ? Instant(decided) : null,
                ["Signée par (président du jury)"] = r.SignedByName,
                ["Signée le"] = r.SignedAt is { } signed ? Instant(signed) : null,
            };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    private static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static string? Date(DateOnly? date) => date is { } d ? FrenchFormat.Date(d) : null;

    private static string Instant(DateTimeOffset at) => FrenchTime.Format(at, "dd/MM/yyyy 'à' HH:mm:ss");
}
