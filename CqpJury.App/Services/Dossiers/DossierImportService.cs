using System.Text;
using System.Text.Json;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Organisations;
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

    private readonly DossierValidator _validator = new(catalog, clock);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads an uploaded file (at most <see cref="MaxBytes"/>, UTF-8) and imports it like
    /// <see cref="ImportAsync(string, CancellationToken)"/>. A bigger file is refused before it is read whole.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await actors.RequireSecretariatAsync("Importer des dossiers", cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InputValidationException("$", TooLargeMessage);
            }

            buffer.Write(chunk, 0, read);
        }

        string json;
        try
        {
            json = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new InputValidationException("$", "Le fichier n'est pas un texte UTF-8 valide : enregistrez-le en UTF-8 puis réessayez.");
        }

        return await ImportAsync(json.TrimStart('\uFEFF'), cancellationToken);
    }

    /// <summary>Validates and imports <paramref name="json"/>; throws <see cref="InputValidationException"/> with every error, importing nothing.</summary>
    public async Task<ImportResult> ImportAsync(string json, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("Importer des dossiers", cancellationToken);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new InputValidationException("$", "Le fichier est vide.");
        }

        // The service enforces the limit itself: the page is not the only way in.
        if (json.Length > MaxBytes || Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            throw new InputValidationException("$", TooLargeMessage);
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

            var references = await DossierReferences.NextAsync(db, _validator.Today.Year, parsed.Count, cancellationToken);
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

    private static string TooLargeMessage =>
        $"Le fichier dépasse {MaxBytes / (1024 * 1024)} Mo : il n'a pas été lu. Découpez-le en plusieurs fichiers.";

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

    /// <summary>Reads every dossier into a <see cref="DossierDraft"/> and has the dossier validator check it, reporting at JSON paths.</summary>
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

        if (items.Count > DossierLimits.DossiersPerImport)
        {
            r.Error("$.dossiers", $"Le fichier contient {items.Count} dossiers : {DossierLimits.DossiersPerImport} au plus par import. Découpez-le en plusieurs fichiers.");
            return result;
        }

        var lookups = context.Lookups();
        for (var i = 0; i < items.Count; i++)
        {
            var paths = new DossierJsonPaths(ImportJsonReader.Item("$.dossiers", i));
            if (ReadDossier(items[i], paths.DossierPath, r, context) is not { } draft)
            {
                continue;
            }

            foreach (var error in _validator.Validate(draft.Draft, lookups, paths, r.Reported))
            {
                r.Error(error.Field, error.Message);
            }

            result.Add(draft);
        }

        return result;
    }

    private ParsedDossier? ReadDossier(JsonElement e, string path, ImportJsonReader r, ImportContext context)
    {
        if (!r.Object(e, path, "candidate", "certificateCode", "route", "employer", "trainingOrganisation", "sectorProfessional",
                "externalAssessor", "evaluationDate", "signedBySectorProfessional", "signedByExternalAssessor", "candidateObservations",
                "earlierValidations", "admissibility", "evaluations", "employerContactEmail"))
        {
            return null;
        }

        var candidate = ReadCandidate(e, path, r);
        var code = r.String(e, path, "certificateCode", required: true);
        if (!string.IsNullOrEmpty(code) && catalog.Find(code) is null)
        {
            r.Error(path + ".certificateCode",
                $"CQP inconnu {DossierValidator.Quote(code)} (valeurs admises : {string.Join(", ", catalog.Certificates.Select(c => c.Code))}).");
        }

        var route = r.Enum(e, path, "route", required: true, "Parcours", Routes);
        var employer = ReadOrganisation(e, path, "employer", r, "name", "siret", "contactEmail");
        var training = ReadOrganisation(e, path, "trainingOrganisation", r, "name", "siret");
        var employerEmail = r.String(e, path, "employerContactEmail", required: false);
        var sectorProfessional = ReadEvaluator(e, path, "sectorProfessional", EvaluatorRole.SectorProfessional, r, context);
        var externalAssessor = ReadEvaluator(e, path, "externalAssessor", EvaluatorRole.ExternalAssessor, r, context);
        var evaluationDate = r.Date(e, path, "evaluationDate", required: true);
        var signedBySp = r.Bool(e, path, "signedBySectorProfessional", required: true);
        var signedByEa = r.Bool(e, path, "signedByExternalAssessor", required: true);
        var observations = r.String(e, path, "candidateObservations", required: false);
        var earlier = ReadEarlierValidations(e, path, r);
        AdmissibilityDraft? admissibility = null;
        if (r.Property(e, path, "admissibility", required: false) is { } admissibilityElement)
        {
            if (route == Route.SkillsDevelopment)
            {
                r.Error(path + ".admissibility", "La recevabilité (R5.3) ne concerne que la VAE : retirez « admissibility » ou indiquez \"route\": \"vae\".");
            }
            else
            {
                admissibility = ReadAdmissibility(admissibilityElement, path + ".admissibility", r);
            }
        }

        var evaluations = ReadEvaluations(e, path, r);
        return new ParsedDossier(
            new DossierDraft
            {
                Candidate = candidate,
                CertificateCode = code,
                Route = route,
                Employer = employer,
                TrainingOrganisation = training,
                EmployerContactEmailOverride = employerEmail,
                SectorProfessionalId = sectorProfessional,
                ExternalAssessorId = externalAssessor,
                EvaluationDate = evaluationDate,
                SignedBySectorProfessional = signedBySp ?? false,
                SignedByExternalAssessor = signedByEa ?? false,
                CandidateObservations = observations,
                Admissibility = admissibility,
                Evaluations = evaluations,
                EarlierValidations = earlier,
            });
    }

    private static CandidateDraft? ReadCandidate(JsonElement e, string path, ImportJsonReader r)
    {
        if (r.Property(e, path, "candidate", required: true) is not { } c)
        {
            return null;
        }

        var at = path + ".candidate";
        if (!r.Object(c, at, "lastName", "firstName", "birthDate", "email", "postalAddress"))
        {
            return null;
        }

        PostalAddressInput? address = null;
        if (r.Property(c, at, "postalAddress", required: false) is { } a && r.Object(a, at + ".postalAddress", "line1", "line2", "postalCode", "city", "country"))
        {
            var ap = at + ".postalAddress";
            address = new PostalAddressInput
            {
                Line1 = r.String(a, ap, "line1", required: true),
                Line2 = r.String(a, ap, "line2", required: false),
                PostalCode = r.String(a, ap, "postalCode", required: true),
                City = r.String(a, ap, "city", required: true),
                Country = r.String(a, ap, "country", required: false),
            };
        }

        return new CandidateDraft(
            r.String(c, at, "lastName", required: true),
            r.String(c, at, "firstName", required: true),
            r.Date(c, at, "birthDate", required: false),
            r.String(c, at, "email", required: false),
            address);
    }

    private static OrganisationDraft? ReadOrganisation(JsonElement e, string path, string name, ImportJsonReader r, params string[] allowed)
    {
        if (r.Property(e, path, name, required: false) is not { } o)
        {
            return null;
        }

        var at = $"{path}.{name}";
        return r.Object(o, at, allowed)
            ? new OrganisationDraft(null, r.String(o, at, "name", required: true), r.String(o, at, "siret", required: false),
                allowed.Contains("contactEmail") ? r.String(o, at, "contactEmail", required: false) : null)
            : null;
    }

    /// <summary>
    /// Finds the evaluator an import names, by e-mail or else by names, preferring one registered
    /// with the expected role; a wrong role is left to the dossier validator (same message as the form).
    /// </summary>
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
        var email = NullIfEmpty(r.String(o, at, "email", required: false));
        var last = NullIfEmpty(r.String(o, at, "lastName", required: false));
        var first = NullIfEmpty(r.String(o, at, "firstName", required: false));
        List<EvaluatorEntity> found;
        string who;
        if (email is not null)
        {
            found = context.Evaluators.Where(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
            who = $"avec l'adresse {DossierValidator.Quote(email)}";
        }
        else if (last is not null && first is not null)
        {
            found = context.Evaluators.Where(x => string.Equals(x.LastName, last, StringComparison.OrdinalIgnoreCase)
                                                  && string.Equals(x.FirstName, first, StringComparison.OrdinalIgnoreCase)).ToList();
            who = $"nommé(e) {DossierValidator.Quote($"{first} {last}")}";
        }
        else
        {
            if (!r.Reported.Contains(at + ".email") && !r.Reported.Contains(at + ".lastName") && !r.Reported.Contains(at + ".firstName"))
            {
                r.Error(at, "Identifiez l'évaluateur par « email », ou par « lastName » et « firstName ».");
            }

            return null;
        }

        var withRole = found.Where(x => x.Role == role).ToList();
        if (withRole.Count > 1)
        {
            r.Error(at, $"Plusieurs {roleText}s sont enregistrés {who} : identifiez-le par son adresse électronique.");
            return null;
        }

        if (withRole.Count == 0 && found.Count == 0)
        {
            r.Error(at, $"Aucun {roleText} n'est enregistré {who} : créez d'abord l'évaluateur (Secrétariat › Évaluateurs).");
            return null;
        }

        return (withRole.Count == 1 ? withRole[0] : found[0]).Id;
    }

    private static List<EarlierValidationInput> ReadEarlierValidations(JsonElement e, string path, ImportJsonReader r)
    {
        var result = new List<EarlierValidationInput>();
        var items = r.Array(e, path, "earlierValidations", required: false);
        for (var i = 0; i < items.Count; i++)
        {
            var at = ImportJsonReader.Item(path + ".earlierValidations", i);
            var ok = r.Object(items[i], at, "competenceCode", "validatedOn");
            result.Add(new EarlierValidationInput
            {
                CompetenceCode = ok ? r.String(items[i], at, "competenceCode", required: true) : null,
                ValidatedOn = ok ? r.Date(items[i], at, "validatedOn", required: true) : null,
            });
        }

        return result;
    }

    private static AdmissibilityDraft? ReadAdmissibility(JsonElement a, string at, ImportJsonReader r)
    {
        if (!r.Object(a, at, "requestDate", "activities", "review"))
        {
            return null;
        }

        var requested = r.Date(a, at, "requestDate", required: true);
        var periods = new List<ActivityPeriodInput>();
        var items = r.Array(a, at, "activities", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var ap = ImportJsonReader.Item(at + ".activities", i);
            var ok = r.Object(items[i], ap, "start", "end", "description");
            periods.Add(new ActivityPeriodInput
            {
                Start = ok ? r.Date(items[i], ap, "start", required: true) : null,
                End = ok ? r.Date(items[i], ap, "end", required: false) : null,
                Description = (ok ? r.String(items[i], ap, "description", required: true) : null) ?? string.Empty,
            });
        }

        bool? accepted = null;
        string? by = null;
        DateOnly? on = null;
        if (r.Property(a, at, "review", required: false) is { } review && r.Object(review, at + ".review", "accepted", "reviewedBy", "reviewedOn"))
        {
            // A review whose "accepted" cannot be read still has its other fields checked.
            accepted = r.Bool(review, at + ".review", "accepted", required: true) ?? false;
            by = r.String(review, at + ".review", "reviewedBy", required: true);
            on = r.Date(review, at + ".review", "reviewedOn", required: true);
        }

        return new AdmissibilityDraft(requested, periods, accepted, by, on);
    }

    private static List<CompetenceEvaluationInput> ReadEvaluations(JsonElement e, string path, ImportJsonReader r)
    {
        var result = new List<CompetenceEvaluationInput>();
        var items = r.Array(e, path, "evaluations", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var at = ImportJsonReader.Item(path + ".evaluations", i);
            var evaluation = new CompetenceEvaluationInput();
            result.Add(evaluation);
            if (!r.Object(items[i], at, "competenceCode", "evaluatorsSayMastered", "elements"))
            {
                continue;
            }

            evaluation.CompetenceCode = r.String(items[i], at, "competenceCode", required: true) ?? string.Empty;
            evaluation.EvaluatorsSayMastered = r.Bool(items[i], at, "evaluatorsSayMastered", required: true) ?? false;
            var rows = r.Array(items[i], at, "elements", required: true);
            if (rows.Count > DossierLimits.ElementsPerCompetence)
            {
                // The validator reports the limit from the count; the lines themselves are not read.
                evaluation.Elements.AddRange(Enumerable.Range(0, rows.Count).Select(_ => new GridElementInput()));
                continue;
            }

            for (var j = 0; j < rows.Count; j++)
            {
                var ep = ImportJsonReader.Item(at + ".elements", j);
                var element = new GridElementInput();
                evaluation.Elements.Add(element);
                if (r.Object(rows[j], ep, "label", "essential", "status"))
                {
                    element.Label = r.String(rows[j], ep, "label", required: true) ?? string.Empty;
                    element.IsEssential = r.Bool(rows[j], ep, "essential", required: true) ?? false;
                    element.Status = r.Enum(rows[j], ep, "status", required: true, "Statut", Statuses) ?? ElementStatus.Acquired;
                }
            }
        }

        return result;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private ImportResult Write(CqpJuryDbContext db, List<ParsedDossier> parsed, IReadOnlyList<string> references, ImportContext context)
    {
        var created = new List<ImportedDossier>();
        var candidatesCreated = 0;
        var organisationsCreated = 0;
        var now = clock.GetUtcNow();
        for (var i = 0; i < parsed.Count; i++)
        {
            var draft = parsed[i].Draft;
            var c = draft.Candidate!;
            var candidate = context.FindCandidate(c);
            var address = c.PostalAddress?.ToPostalAddress();
            if (candidate is null)
            {
                candidate = new Candidate
                {
                    Id = Guid.NewGuid(),
                    LastName = c.LastName!.Trim(),
                    FirstName = c.FirstName!.Trim(),
                    BirthDate = c.BirthDate,
                    Email = DossierWrites.Clean(c.Email),
                    PostalAddress = address,
                };
                db.Candidates.Add(candidate);
                context.Candidates.Add(candidate);
                candidatesCreated++;
            }
            else if (address is not null)
            {
                // A returning candidate's address in the file is the newest one known.
                if (db.Entry(candidate).State == EntityState.Detached)
                {
                    db.Candidates.Attach(candidate);
                }

                candidate.PostalAddress = address;
            }

            // The employer's contact e-mail: a new organisation keeps it; a known one is not changed
            // by an import, so a different address becomes this dossier's override (R14).
            string? contactOverride = null;
            Guid? OrganisationId(OrganisationDraft? o, OrganisationKind kind)
            {
                if (o is null)
                {
                    return null;
                }

                var name = o.Name!.Trim();
                var siret = SiretNumber.Normalize(o.Siret);
                var contact = DossierWrites.Clean(o.ContactEmail);
                var found = context.FindOrganisation(name, siret, kind);
                if (found is null)
                {
                    found = new Organisation { Id = Guid.NewGuid(), Name = name, Kind = kind, Siret = siret, ContactEmail = contact };
                    db.Organisations.Add(found);
                    context.Organisations.Add(found);
                    organisationsCreated++;
                }
                else if (contact is not null && !string.Equals(found.ContactEmail, contact, StringComparison.OrdinalIgnoreCase))
                {
                    contactOverride = contact;
                }

                return found.Id;
            }

            var dossier = new DossierEntity
            {
                Id = Guid.NewGuid(),
                Reference = references[i],
                CandidateId = candidate.Id,
                CertificateCode = draft.CertificateCode!.Trim(),
                EmployerId = OrganisationId(draft.Employer, OrganisationKind.Employer),
                TrainingOrganisationId = OrganisationId(draft.TrainingOrganisation, OrganisationKind.TrainingOrganisation),
                CreatedAt = now,
            };
            draft.ApplyTo(dossier);
            dossier.EmployerContactEmailOverride ??= contactOverride;
            dossier.ActivityPeriods.AddRange(draft.ActivityRows(dossier.Id));
            dossier.EarlierValidations.AddRange(draft.ValidationRows(dossier.Id));
            foreach (var evaluation in draft.Evaluations)
            {
                var row = new CompetenceEvaluationEntity
                {
                    Id = Guid.NewGuid(),
                    DossierId = dossier.Id,
                    CompetenceCode = evaluation.CompetenceCode.Trim(),
                    EvaluatorsSayMastered = evaluation.EvaluatorsSayMastered,
                };
                row.Elements.AddRange(evaluation.ElementRows(row.Id));
                dossier.Evaluations.Add(row);
            }

            db.Dossiers.Add(dossier);
            created.Add(new ImportedDossier(dossier.Id, dossier.Reference, candidate.OfficialName, dossier.CertificateCode, dossier.Route));
        }

        return new ImportResult(created, candidatesCreated, organisationsCreated);
    }

    /// <summary>One dossier of the file, read and (once every dossier passed) written.</summary>
    private sealed record ParsedDossier(DossierDraft Draft);

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

        /// <summary>The stored rows as the dossier validator looks them up.</summary>
        public DossierLookups Lookups() => DossierLookups.Of(Evaluators, Organisations, Candidates);

        /// <summary>By SIRET (whatever the kind), else exact name and kind.</summary>
        public Organisation? FindOrganisation(string name, string? siret, OrganisationKind kind) =>
            (siret is null ? null : Organisations.FirstOrDefault(x => x.Siret == siret))
            ?? Organisations.FirstOrDefault(x => x.Kind == kind && string.Equals(x.Name, name, StringComparison.Ordinal)
                                                 && (siret is null || x.Siret is null || x.Siret == siret));

        /// <summary>By e-mail, else same names and same birth date; otherwise a new candidate.</summary>
        public Candidate? FindCandidate(CandidateDraft c)
        {
            var email = DossierWrites.Clean(c.Email);
            if (email is not null
                && Candidates.FirstOrDefault(x => string.Equals(x.Email, email, StringComparison.OrdinalIgnoreCase)) is { } byEmail)
            {
                return byEmail;
            }

            return c.BirthDate is null
                ? null
                : Candidates.FirstOrDefault(x => x.BirthDate == c.BirthDate
                                                 && string.Equals(x.LastName, c.LastName?.Trim(), StringComparison.OrdinalIgnoreCase)
                                                 && string.Equals(x.FirstName, c.FirstName?.Trim(), StringComparison.OrdinalIgnoreCase));
        }
    }
}
