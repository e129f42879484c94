using System.Text.Json;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Referential;
using Microsoft.EntityFrameworkCore;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Dossiers;

/// <summary>A dossier created by an import.</summary>
public sealed record ImportedDossier(Guid Id, string Reference, string CandidateName, string CertificateCode, Route Route);

/// <summary>What an import created.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedDossier> Dossiers, int CandidatesCreated, int OrganisationsCreated);

/// <summary>
/// Imports dossiers from a JSON file (format: docs/dossier-import.md, schema
/// docs/dossier-import.schema.json). Everything is validated first and every problem is reported
/// with its JSON path; when there is any, nothing is imported. Otherwise all dossiers are written
/// in one transaction.
/// </summary>
public sealed class DossierImportService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    ReferentialCatalog catalog,
    TimeProvider clock)
{
    public const int SupportedFormatVersion = 1;

    /// <summary>Largest accepted file (the page refuses bigger uploads before reading them).</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    private static readonly Dictionary<string, Route> Routes = new(StringComparer.Ordinal)
    {
        ["parcours"] = Route.SkillsDevelopment,
        ["vae"] = Route.Vae,
    };

    private static readonly Dictionary<string, ElementStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["acquis"] = ElementStatus.Acquired,
        ["non_acquis"] = ElementStatus.NotAcquired,
        ["non_mis_en_oeuvre"] = ElementStatus.NotImplemented,
    };

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Validates and imports <paramref name="json"/>; throws <see cref="InputValidationException"/> with every error, importing nothing.</summary>
    public async Task<ImportResult> ImportAsync(string json, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("Importer des dossiers", cancellationToken);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new InputValidationException("$", "Le fichier est vide.");
        }

        using var document = Parse(json);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var context = await ImportContext.LoadAsync(db, cancellationToken);
            var reader = new ImportJsonReader();
            var parsed = Read(document.RootElement, reader, context);
            if (reader.Errors.Count > 0)
            {
                throw new InputValidationException(reader.Errors);
            }

            var references = await DossierReferences.NextAsync(db, Today.Year, parsed.Count, cancellationToken);
            var result = Write(db, parsed, references, context);
            audit.Add(db, actor, "Import de dossiers (JSON)", null, null,
                $"{result.Dossiers.Count} dossier(s) : {string.Join(", ", result.Dossiers.Select(d => d.Reference))} ; {result.CandidatesCreated} candidat(s) et {result.OrganisationsCreated} organisation(s) créés.");
            foreach (var dossier in result.Dossiers)
            {
                audit.Add(db, actor, "Création du dossier", null, dossier.Id, $"{dossier.Reference} – {dossier.CandidateName} – import JSON");
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (DossierReferences.IsReferenceConflict(ex) && attempt < DossierReferences.MaxAttempts)
            {
                // References taken meanwhile by another secretary: number again and retry.
            }
        }
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions
            {
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
                MaxDepth = 32,
            });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new InputValidationException(
                string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path,
                $"Le fichier n'est pas un JSON valide : erreur de syntaxe à la ligne {line}, colonne {column} (virgule, guillemet ou accolade manquant ou en trop ?).");
        }
    }

    private List<ParsedDossier> Read(JsonElement root, ImportJsonReader r, ImportContext context)
    {
        var result = new List<ParsedDossier>();
        if (!r.Object(root, "$", "$schema", "formatVersion", "dossiers"))
        {
            return result;
        }

        var version = r.Integer(root, "$", "formatVersion", required: true);
        if (version is { } v && v != SupportedFormatVersion)
        {
            r.Error("$.formatVersion", $"Version de format non prise en charge « {v} » (valeur admise : {SupportedFormatVersion}).");
        }

        var items = r.Array(root, "$", "dossiers", required: true);
        if (items.Count == 0 && root.TryGetProperty("dossiers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            r.Error("$.dossiers", "Le fichier ne contient aucun dossier.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (ReadDossier(items[i], ImportJsonReader.Item("$.dossiers", i), r, context) is { } dossier)
            {
                result.Add(dossier);
            }
        }

        return result;
    }

    private ParsedDossier? ReadDossier(JsonElement e, string path, ImportJsonReader r, ImportContext context)
    {
        if (!r.Object(e, path, "candidate", "certificateCode", "route", "employer", "trainingOrganisation", "sectorProfessional",
                "externalAssessor", "evaluationDate", "signedBySectorProfessional", "signedByExternalAssessor", "candidateObservations",
                "earlierValidations", "admissibility", "evaluations"))
        {
            return null;
        }

        var today = Today;
        var candidate = ReadCandidate(e, path, r, context, today);
        var code = r.String(e, path, "certificateCode", required: true, 50);
        CertificateDefinition? certificate = null;
        if (code is not null && (certificate = catalog.Find(code)) is null)
        {
            r.Error(path + ".certificateCode",
                $"CQP inconnu « {code} » (valeurs admises : {string.Join(", ", catalog.Certificates.Select(c => c.Code))}).");
        }

        var route = r.Enum(e, path, "route", required: true, "Parcours", Routes);
        var employer = ReadOrganisation(e, path, "employer", OrganisationKind.Employer, r);
        var training = ReadOrganisation(e, path, "trainingOrganisation", OrganisationKind.TrainingOrganisation, r);
        var sectorProfessional = ReadEvaluator(e, path, "sectorProfessional", EvaluatorRole.SectorProfessional, r, context);
        var externalAssessor = ReadEvaluator(e, path, "externalAssessor", EvaluatorRole.ExternalAssessor, r, context);
        var evaluationDate = r.Date(e, path, "evaluationDate", required: true);
        if (evaluationDate > today)
        {
            r.Error(path + ".evaluationDate", $"La date de l'évaluation ne peut pas être postérieure à aujourd'hui ({FrenchFormat.Date(today)}).");
        }

        var signedBySp = r.Bool(e, path, "signedBySectorProfessional", required: true);
        var signedByEa = r.Bool(e, path, "signedByExternalAssessor", required: true);
        var observations = r.String(e, path, "candidateObservations", required: false, DossierValidation.ObservationsMax);
        var earlier = ReadEarlierValidations(e, path, r, certificate, today);
        ParsedAdmissibility? admissibility = null;
        if (r.Property(e, path, "admissibility", required: false) is { } admissibilityElement)
        {
            if (route == Route.SkillsDevelopment)
            {
                r.Error(path + ".admissibility", "La recevabilité (R5.3) ne concerne que la VAE : retirez « admissibility » ou indiquez \"route\": \"vae\".");
            }
            else
            {
                admissibility = ReadAdmissibility(admissibilityElement, path + ".admissibility", r, today);
            }
        }

        var evaluations = ReadEvaluations(e, path, r, certificate);
        if (candidate is null || certificate is null || route is null || sectorProfessional is null || externalAssessor is null
            || evaluationDate is null || signedBySp is null || signedByEa is null)
        {
            return null;
        }

        return new ParsedDossier(candidate, certificate.Code, route.Value, employer, training, sectorProfessional.Value, externalAssessor.Value,
            evaluationDate.Value, signedBySp.Value, signedByEa.Value, observations, earlier, admissibility, evaluations);
    }

    private static ParsedCandidate? ReadCandidate(JsonElement e, string path, ImportJsonReader r, ImportContext context, DateOnly today)
    {
        if (r.Property(e, path, "candidate", required: true) is not { } c)
        {
            return null;
        }

        var at = path + ".candidate";
        if (!r.Object(c, at, "lastName", "firstName", "birthDate", "email"))
        {
            return null;
        }

        var last = r.String(c, at, "lastName", required: true, DossierValidation.NameMax);
        var first = r.String(c, at, "firstName", required: true, DossierValidation.NameMax);
        var birth = r.Date(c, at, "birthDate", required: false);
        if (birth is { } born && (born >= today || born < today.AddYears(-100)))
        {
            r.Error(at + ".birthDate", "La date de naissance n'est pas plausible.");
        }

        var email = r.String(c, at, "email", required: false, DossierValidation.EmailMax);
        if (email is not null)
        {
            var emailErrors = new List<FieldError>();
            DossierValidation.Email(emailErrors, at + ".email", email);
            foreach (var error in emailErrors)
            {
                r.Error(error.Field, error.Message);
            }

            var owner = context.Candidates.FirstOrDefault(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase));
            if (owner is not null && last is not null && first is not null
                && !(string.Equals(owner.LastName, last, StringComparison.OrdinalIgnoreCase) && string.Equals(owner.FirstName, first, StringComparison.OrdinalIgnoreCase)))
            {
                r.Error(at + ".email", $"L'adresse « {email} » est déjà celle du candidat {owner.OfficialName} : vérifiez le nom ou l'adresse.");
            }
        }

        return last is null || first is null ? null : new ParsedCandidate(last, first, birth, email);
    }

    private static ParsedOrganisation? ReadOrganisation(JsonElement e, string path, string name, OrganisationKind kind, ImportJsonReader r)
    {
        if (r.Property(e, path, name, required: false) is not { } o)
        {
            return null;
        }

        var at = $"{path}.{name}";
        if (!r.Object(o, at, "name", "siret"))
        {
            return null;
        }

        var orgName = r.String(o, at, "name", required: true, 200);
        var siret = r.String(o, at, "siret", required: false, 100);
        if (siret is not null)
        {
            siret = siret.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (siret.Length != 14 || !siret.All(char.IsAsciiDigit))
            {
                r.Error(at + ".siret", $"SIRET invalide « {siret} » : 14 chiffres attendus.");
                return null;
            }
        }

        return orgName is null ? null : new ParsedOrganisation(orgName, siret, kind);
    }

    private static Guid? ReadEvaluator(JsonElement e, string path, string name, EvaluatorRole role, ImportJsonReader r, ImportContext context)
    {
        if (r.Property(e, path, name, required: true) is not { } o)
        {
            return null;
        }

        var at = $"{path}.{name}";
        if (!r.Object(o, at, "email", "lastName", "firstName"))
        {
            return null;
        }

        var roleText = role.ToFrench().ToLower(FrenchFormat.Culture);
        var email = r.String(o, at, "email", required: false, DossierValidation.EmailMax);
        var last = r.String(o, at, "lastName", required: false, DossierValidation.NameMax);
        var first = r.String(o, at, "firstName", required: false, DossierValidation.NameMax);
        List<EvaluatorEntity> found;
        string who;
        if (email is not null)
        {
            found = context.Evaluators.Where(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
            who = $"avec l'adresse « {email} »";
        }
        else if (last is not null && first is not null)
        {
            found = context.Evaluators.Where(x => string.Equals(x.LastName, last, StringComparison.OrdinalIgnoreCase)
                                                  && string.Equals(x.FirstName, first, StringComparison.OrdinalIgnoreCase)).ToList();
            who = $"nommé(e) « {first} {last} »";
        }
        else
        {
            r.Error(at, "Identifiez l'évaluateur par « email », ou par « lastName » et « firstName ».");
            return null;
        }

        var withRole = found.Where(x => x.Role == role).ToList();
        if (withRole.Count == 1)
        {
            return withRole[0].Id;
        }

        if (withRole.Count > 1)
        {
            r.Error(at, $"Plusieurs {roleText}s sont enregistrés {who} : identifiez-le par son adresse électronique.");
        }
        else if (found.Count > 0)
        {
            r.Error(at, $"{found[0].FullName} est enregistré(e) comme {found[0].Role.ToFrench().ToLower(FrenchFormat.Culture)}, pas comme {roleText}.");
        }
        else
        {
            r.Error(at, $"Aucun {roleText} n'est enregistré {who} : créez d'abord l'évaluateur (Secrétariat › Évaluateurs).");
        }

        return null;
    }

    private static List<EarlierValidationEntity> ReadEarlierValidations(
        JsonElement e, string path, ImportJsonReader r, CertificateDefinition? certificate, DateOnly today)
    {
        var result = new List<EarlierValidationEntity>();
        var items = r.Array(e, path, "earlierValidations", required: false);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = ImportJsonReader.Item(path + ".earlierValidations", i);
            if (!r.Object(items[i], at, "competenceCode", "validatedOn"))
            {
                continue;
            }

            var code = CompetenceCode(items[i], at, r, certificate);
            if (code is not null && !seen.TryAdd(code, at))
            {
                r.Error(at + ".competenceCode", $"La compétence « {code} » est déjà indiquée en {seen[code]}.");
                code = null;
            }

            var on = r.Date(items[i], at, "validatedOn", required: true);
            if (on > today)
            {
                r.Error(at + ".validatedOn", "La date de validation ne peut pas être postérieure à aujourd'hui.");
            }

            if (code is not null && on is not null)
            {
                result.Add(new EarlierValidationEntity { Id = Guid.NewGuid(), CompetenceCode = code, ValidatedOn = on.Value });
            }
        }

        return result;
    }

    private static ParsedAdmissibility? ReadAdmissibility(JsonElement a, string at, ImportJsonReader r, DateOnly today)
    {
        if (!r.Object(a, at, "requestDate", "activities", "review"))
        {
            return null;
        }

        var requested = r.Date(a, at, "requestDate", required: true);
        if (requested > today)
        {
            r.Error(at + ".requestDate", "La date de la demande ne peut pas être postérieure à aujourd'hui.");
        }

        var periods = new List<ActivityPeriodEntity>();
        var items = r.Array(a, at, "activities", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var ap = ImportJsonReader.Item(at + ".activities", i);
            if (!r.Object(items[i], ap, "start", "end", "description"))
            {
                continue;
            }

            var start = r.Date(items[i], ap, "start", required: true);
            var end = r.Date(items[i], ap, "end", required: false);
            var description = r.String(items[i], ap, "description", required: true, DossierValidation.DescriptionMax);
            if (start is not null && end is not null && end < start)
            {
                r.Error(ap + ".end", "La date de fin précède la date de début.");
            }

            if (start is not null && description is not null)
            {
                periods.Add(new ActivityPeriodEntity { Id = Guid.NewGuid(), Start = start.Value, End = end, Description = description });
            }
        }

        bool? accepted = null;
        string? by = null;
        DateOnly? on = null;
        if (r.Property(a, at, "review", required: false) is { } review && r.Object(review, at + ".review", "accepted", "reviewedBy", "reviewedOn"))
        {
            accepted = r.Bool(review, at + ".review", "accepted", required: true);
            by = r.String(review, at + ".review", "reviewedBy", required: true, DossierValidation.ReviewerMax);
            on = r.Date(review, at + ".review", "reviewedOn", required: true);
            if (on > today)
            {
                r.Error(at + ".review.reviewedOn", "La date de l'examen ne peut pas être postérieure à aujourd'hui.");
            }
            else if (on is not null && requested is not null && on < requested)
            {
                r.Error(at + ".review.reviewedOn", "La recevabilité ne peut pas être examinée avant la date de la demande.");
            }
        }

        return requested is null ? null : new ParsedAdmissibility(requested.Value, periods, accepted, by, on);
    }

    private static List<CompetenceEvaluationEntity> ReadEvaluations(JsonElement e, string path, ImportJsonReader r, CertificateDefinition? certificate)
    {
        var result = new List<CompetenceEvaluationEntity>();
        var items = r.Array(e, path, "evaluations", required: true);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = ImportJsonReader.Item(path + ".evaluations", i);
            if (!r.Object(items[i], at, "competenceCode", "evaluatorsSayMastered", "elements"))
            {
                continue;
            }

            var code = CompetenceCode(items[i], at, r, certificate);
            if (code is not null && !seen.TryAdd(code, at))
            {
                r.Error(at + ".competenceCode", $"La compétence « {code} » est déjà évaluée en {seen[code]}.");
                code = null;
            }

            var mastered = r.Bool(items[i], at, "evaluatorsSayMastered", required: true);
            var evaluationId = Guid.NewGuid();
            var elements = new List<GridElementEntity>();
            var rows = r.Array(items[i], at, "elements", required: true);
            for (var j = 0; j < rows.Count; j++)
            {
                var ep = ImportJsonReader.Item(at + ".elements", j);
                if (!r.Object(rows[j], ep, "label", "essential", "status"))
                {
                    continue;
                }

                var label = r.String(rows[j], ep, "label", required: true, DossierValidation.LabelMax);
                var essential = r.Bool(rows[j], ep, "essential", required: true);
                var status = r.Enum(rows[j], ep, "status", required: true, "Statut", Statuses);
                if (label is not null && essential is not null && status is not null)
                {
                    elements.Add(new GridElementEntity
                    {
                        Id = Guid.NewGuid(),
                        CompetenceEvaluationId = evaluationId,
                        Position = j + 1,
                        Label = label,
                        IsEssential = essential.Value,
                        Status = status.Value,
                    });
                }
            }

            if (code is not null && mastered is not null)
            {
                result.Add(new CompetenceEvaluationEntity { Id = evaluationId, CompetenceCode = code, EvaluatorsSayMastered = mastered.Value, Elements = elements });
            }
        }

        return result;
    }

    private static string? CompetenceCode(JsonElement item, string at, ImportJsonReader r, CertificateDefinition? certificate)
    {
        var code = r.String(item, at, "competenceCode", required: true, 20);
        if (code is not null && certificate is not null && certificate.FindCompetence(code) is null)
        {
            r.Error(at + ".competenceCode",
                $"La compétence « {code} » n'appartient pas au {certificate.Title} (compétences : {string.Join(", ", certificate.Competences.Select(c => c.Code))}).");
            return null;
        }

        return code;
    }

    private ImportResult Write(CqpJuryDbContext db, List<ParsedDossier> parsed, IReadOnlyList<string> references, ImportContext context)
    {
        var created = new List<ImportedDossier>();
        var candidatesCreated = 0;
        var organisationsCreated = 0;
        var now = clock.GetUtcNow();
        for (var i = 0; i < parsed.Count; i++)
        {
            var p = parsed[i];
            var candidate = context.FindCandidate(p.Candidate);
            if (candidate is null)
            {
                candidate = new Candidate
                {
                    Id = Guid.NewGuid(),
                    LastName = p.Candidate.LastName,
                    FirstName = p.Candidate.FirstName,
                    BirthDate = p.Candidate.BirthDate,
                    Email = p.Candidate.Email,
                };
                db.Candidates.Add(candidate);
                context.Candidates.Add(candidate);
                candidatesCreated++;
            }

            Guid? OrganisationId(ParsedOrganisation? o)
            {
                if (o is null)
                {
                    return null;
                }

                var found = context.FindOrganisation(o);
                if (found is null)
                {
                    found = new Organisation { Id = Guid.NewGuid(), Name = o.Name, Kind = o.Kind, Siret = o.Siret };
                    db.Organisations.Add(found);
                    context.Organisations.Add(found);
                    organisationsCreated++;
                }

                return found.Id;
            }

            var dossier = new DossierEntity
            {
                Id = Guid.NewGuid(),
                Reference = references[i],
                CandidateId = candidate.Id,
                CertificateCode = p.CertificateCode,
                Route = p.Route,
                EmployerId = OrganisationId(p.Employer),
                TrainingOrganisationId = OrganisationId(p.TrainingOrganisation),
                SectorProfessionalId = p.SectorProfessionalId,
                ExternalAssessorId = p.ExternalAssessorId,
                EvaluationDate = p.EvaluationDate,
                SignedBySectorProfessional = p.SignedBySectorProfessional,
                SignedByExternalAssessor = p.SignedByExternalAssessor,
                CandidateObservations = p.CandidateObservations,
                AdmissibilityRequestDate = p.Admissibility?.RequestDate,
                AdmissibilityAccepted = p.Admissibility?.Accepted,
                AdmissibilityReviewedBy = p.Admissibility?.ReviewedBy,
                AdmissibilityReviewedOn = p.Admissibility?.ReviewedOn,
                CreatedAt = now,
            };
            foreach (var period in p.Admissibility?.Activities ?? [])
            {
                period.DossierId = dossier.Id;
                dossier.ActivityPeriods.Add(period);
            }

            foreach (var evaluation in p.Evaluations)
            {
                evaluation.DossierId = dossier.Id;
                dossier.Evaluations.Add(evaluation);
            }

            foreach (var validation in p.EarlierValidations)
            {
                validation.DossierId = dossier.Id;
                dossier.EarlierValidations.Add(validation);
            }

            db.Dossiers.Add(dossier);
            created.Add(new ImportedDossier(dossier.Id, dossier.Reference, candidate.OfficialName, dossier.CertificateCode, dossier.Route));
        }

        return new ImportResult(created, candidatesCreated, organisationsCreated);
    }

    private sealed record ParsedCandidate(string LastName, string FirstName, DateOnly? BirthDate, string? Email);

    private sealed record ParsedOrganisation(string Name, string? Siret, OrganisationKind Kind);

    private sealed record ParsedAdmissibility(DateOnly RequestDate, List<ActivityPeriodEntity> Activities, bool? Accepted, string? ReviewedBy, DateOnly? ReviewedOn);

    private sealed record ParsedDossier(
        ParsedCandidate Candidate,
        string CertificateCode,
        Route Route,
        ParsedOrganisation? Employer,
        ParsedOrganisation? TrainingOrganisation,
        Guid SectorProfessionalId,
        Guid ExternalAssessorId,
        DateOnly EvaluationDate,
        bool SignedBySectorProfessional,
        bool SignedByExternalAssessor,
        string? CandidateObservations,
        List<EarlierValidationEntity> EarlierValidations,
        ParsedAdmissibility? Admissibility,
        List<CompetenceEvaluationEntity> Evaluations);

    /// <summary>What the import matches against: existing evaluators, organisations, candidates (plus those it creates).</summary>
    private sealed class ImportContext
    {
        public List<EvaluatorEntity> Evaluators { get; private init; } = [];

        public List<Organisation> Organisations { get; private init; } = [];

        public List<Candidate> Candidates { get; private init; } = [];

        public static async Task<ImportContext> LoadAsync(CqpJuryDbContext db, CancellationToken cancellationToken) => new()
        {
            Evaluators = await db.Evaluators.AsNoTracking().ToListAsync(cancellationToken),
            Organisations = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken),
            Candidates = await db.Candidates.AsNoTracking().ToListAsync(cancellationToken),
        };

        /// <summary>By SIRET (whatever the kind), else exact name and kind.</summary>
        public Organisation? FindOrganisation(ParsedOrganisation o) =>
            (o.Siret is null ? null : Organisations.FirstOrDefault(x => x.Siret == o.Siret))
            ?? Organisations.FirstOrDefault(x => x.Kind == o.Kind && string.Equals(x.Name, o.Name, StringComparison.Ordinal)
                                                 && (o.Siret is null || x.Siret is null || x.Siret == o.Siret));

        /// <summary>By e-mail, else same names and same birth date; otherwise a new candidate.</summary>
        public Candidate? FindCandidate(ParsedCandidate c)
        {
            if (c.Email is not null
                && Candidates.FirstOrDefault(x => string.Equals(x.Email, c.Email, StringComparison.OrdinalIgnoreCase)) is { } byEmail)
            {
                return byEmail;
            }

            return c.BirthDate is null
                ? null
                : Candidates.FirstOrDefault(x => x.BirthDate == c.BirthDate
                                                 && string.Equals(x.LastName, c.LastName, StringComparison.OrdinalIgnoreCase)
                                                 && string.Equals(x.FirstName, c.FirstName, StringComparison.OrdinalIgnoreCase));
        }
    }
}
