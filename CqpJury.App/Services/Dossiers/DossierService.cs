using System.Globalization;
using System.Text.RegularExpressions;
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

/// <summary>
/// Candidates and their dossiers, for the secretariat: list, creation, detail, edit (including the
/// evaluation grids, VAE admissibility data and earlier validations). Every method checks the
/// secretariat role on the server first.
/// </summary>
public sealed class DossierService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    Privacy.AccessHistory history,
    ReferentialCatalog catalog,
    TimeProvider clock)
{
    public const string NotFoundMessage = "Ce dossier n'existe pas ou a été supprimé.";

    private readonly DossierValidator _validator = new(catalog, clock);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The dossiers, newest first, optionally filtered by candidate name (accents and case ignored).</summary>
    public async Task<IReadOnlyList<DossierListItem>> ListAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("Consulter la liste des dossiers", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dossiers = await FullQuery(db).AsNoTracking().AsSplitQuery()
            .OrderByDescending(d => d.Reference)
            .ToListAsync(cancellationToken);
        var agenda = await (from a in db.AgendaItems
                            join s in db.Sessions on a.SessionId equals s.Id
                            select new { a.DossierId, s.Id, s.Title, s.Date })
            .AsNoTracking().ToListAsync(cancellationToken);
        var today = Today;
        var items = new List<DossierListItem>();
        foreach (var d in dossiers)
        {
            var name = d.Candidate?.OfficialName ?? string.Empty;
            if (!string.IsNullOrWhiteSpace(search) && !Matches(name, search) && !Matches(d.Candidate?.FullName ?? string.Empty, search))
            {
                continue;
            }

            var certificate = catalog.Find(d.CertificateCode);
            var state = CompletenessState.NotChecked;
            var count = 0;
            var outdated = false;
            if (d.CompletenessCheckPassed is { } passed && certificate is not null)
            {
                var live = CompletenessText.Of(CompletenessCheck.Check(d.ToDomain(), certificate, today));
                if (string.Equals(live, d.CompletenessFindings ?? string.Empty, StringComparison.Ordinal))
                {
                    state = passed ? CompletenessState.Complete : CompletenessState.Incomplete;
                    count = CompletenessText.Lines(d.CompletenessFindings).Count;
                }
                else
                {
                    outdated = true;
                }
            }

            var session = agenda.Where(a => a.DossierId == d.Id).OrderByDescending(a => a.Date).FirstOrDefault();
            items.Add(new DossierListItem(
                d.Id, d.Reference, name, certificate?.Title ?? d.CertificateCode, d.Route, state, count, outdated,
                d.CompletenessCheckedAt, session?.Id, session?.Title, session?.Date, d.Candidate?.Email is not null));
        }

        return items;
    }

    /// <summary>What the forms offer: organisations, evaluators by role (R7), candidates.</summary>
    public async Task<DossierFormOptions> GetFormOptionsAsync(CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("Préparer un formulaire de dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisations = (await db.Organisations.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Create(FrenchFormat.Culture, true))
            .Select(o => new OrganisationOption(o.Id, o.Name, o.Kind, o.Siret, o.ContactEmail))
            .ToList();
        var evaluators = (await db.Evaluators.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(e => e.LastName, StringComparer.Create(FrenchFormat.Culture, true)).ThenBy(e => e.FirstName, StringComparer.Create(FrenchFormat.Culture, true))
            .Select(e => new EvaluatorOption(e.Id, e.FullName, e.Role, e.HabilitatedFrom, e.HabilitatedUntil))
            .ToList();
        var candidates = (await db.Candidates.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(c => c.LastName, StringComparer.Create(FrenchFormat.Culture, true)).ThenBy(c => c.FirstName, StringComparer.Create(FrenchFormat.Culture, true))
            .Select(c => new CandidateOption(c.Id, c.OfficialName, c.BirthDate, c.Email))
            .ToList();
        return new DossierFormOptions(
            organisations,
            organisations.Where(o => o.Kind == OrganisationKind.TrainingOrganisation).ToList(),
            evaluators.Where(e => e.Role == EvaluatorRole.SectorProfessional).ToList(),
            evaluators.Where(e => e.Role == EvaluatorRole.ExternalAssessor).ToList(),
            candidates);
    }

    /// <summary>Creates the candidate (or reuses one) and the dossier, with a new reference "D-{year}-{seq}".</summary>
    public async Task<CreatedDossier> CreateAsync(NewDossierInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("Créer un dossier", cancellationToken);
        var today = Today;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = input.ToDraft();
            var lookups = await DossierLookups.LoadAsync(db, draft, cancellationToken);
            var errors = _validator.Validate(draft, lookups, DossierFormFields.Instance);
            if (errors.Count > 0)
            {
                throw new InputValidationException(errors);
            }

            var existing = draft.Candidate is null ? lookups.Candidate(input.ExistingCandidateId!.Value) : null;
            var candidate = existing ?? new Candidate
            {
                Id = Guid.NewGuid(),
                LastName = input.CandidateLastName.Trim(),
                FirstName = input.CandidateFirstName.Trim(),
                BirthDate = input.CandidateBirthDate,
                Email = DossierWrites.Clean(input.CandidateEmail),
                PostalAddress = input.CandidateAddress.ToPostalAddress(),
            };
            if (existing is null)
            {
                db.Candidates.Add(candidate);
            }

            var reference = (await DossierReferences.NextAsync(db, today.Year, 1, cancellationToken))[0];
            var dossier = new DossierEntity
            {
                Id = Guid.NewGuid(),
                Reference = reference,
                CandidateId = candidate.Id,
                CertificateCode = input.CertificateCode!.Trim(),
                EmployerId = input.EmployerId,
                TrainingOrganisationId = input.TrainingOrganisationId,
                CreatedAt = clock.GetUtcNow(),
            };
            draft.ApplyTo(dossier);
            db.Dossiers.Add(dossier);
            audit.Add(db, actor, "Création du dossier", null, dossier.Id,
                $"{reference} – {candidate.OfficialName} – {input.CertificateCode} – {dossier.Route.ToFrench()}{(existing is null ? " (nouveau candidat)" : string.Empty)}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new CreatedDossier(dossier.Id, reference);
            }
            catch (DbUpdateException ex) when (DossierReferences.IsReferenceConflict(ex) && attempt < DossierReferences.MaxAttempts)
            {
                // Another secretary took this reference at the same moment: number again.
            }
        }
    }

    /// <summary>
    /// The dossier with everything the detail page shows and edits. R16: the read is in the dossier's access history —
    /// once per visit of its page: <paramref name="recordVisit"/> false when the page reloads what it already shows
    /// (after a save, a check, a document added).
    /// </summary>
    public async Task<DossierDetails> GetAsync(Guid id, bool recordVisit = true, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("Consulter un dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var d = await FullQuery(db).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new UserFacingException(NotFoundMessage);
        if (recordVisit)
        {
            await history.RecordAsync(actor, Privacy.AccessPlaces.SecretariatDossierPage, d.Id, null, cancellationToken: cancellationToken); // R16
        }

        var sessions = await DossierHearings.OfAsync(db, id, cancellationToken);
        var certificate = catalog.Find(d.CertificateCode);
        var input = new DossierEditInput
        {
            CandidateLastName = d.Candidate!.LastName,
            CandidateFirstName = d.Candidate.FirstName,
            CandidateBirthDate = d.Candidate.BirthDate,
            CandidateEmail = d.Candidate.Email,
            CandidateAddress = PostalAddressInput.From(d.Candidate.PostalAddress),
            Route = d.Route,
            EmployerId = d.EmployerId,
            EmployerContactEmailOverride = d.EmployerContactEmailOverride,
            TrainingOrganisationId = d.TrainingOrganisationId,
            SectorProfessionalId = d.SectorProfessionalId,
            ExternalAssessorId = d.ExternalAssessorId,
            EvaluationDate = d.EvaluationDate,
            SignedBySectorProfessional = d.SignedBySectorProfessional,
            SignedByExternalAssessor = d.SignedByExternalAssessor,
            CandidateObservations = d.CandidateObservations,
            AdmissibilityRequestDate = d.AdmissibilityRequestDate,
            AdmissibilityAccepted = d.AdmissibilityAccepted,
            AdmissibilityReviewedBy = d.AdmissibilityReviewedBy,
            AdmissibilityReviewedOn = d.AdmissibilityReviewedOn,
            Activities = d.ActivityPeriods.OrderBy(p => p.Start)
                .Select(p => new ActivityPeriodInput { Start = p.Start, End = p.End, Description = p.Description }).ToList(),
            EarlierValidations = d.EarlierValidations.OrderBy(v => v.CompetenceCode, StringComparer.Ordinal)
                .Select(v => new EarlierValidationInput { CompetenceCode = v.CompetenceCode, ValidatedOn = v.ValidatedOn }).ToList(),
            ConcurrencyStamp = d.ConcurrencyStamp,
        };

        // One editable evaluation per competence of the CQP, in the referential's order; any stored
        // evaluation of a code the referential no longer lists is kept at the end (shown, not lost).
        var codes = (certificate?.Competences.Select(c => c.Code) ?? [])
            .Concat(d.Evaluations.Select(e => e.CompetenceCode))
            .Distinct(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var stored = d.Evaluations.FirstOrDefault(e => e.CompetenceCode == code);
            input.Evaluations.Add(new CompetenceEvaluationInput
            {
                CompetenceCode = code,
                EvaluatorsSayMastered = stored?.EvaluatorsSayMastered ?? false,
                Elements = stored?.Elements.OrderBy(e => e.Position)
                    .Select(e => new GridElementInput { Label = e.Label, IsEssential = e.IsEssential, Status = e.Status }).ToList() ?? [],
            });
        }

        RecordedCheck? lastCheck = d.CompletenessCheckedAt is { } at && d.CompletenessCheckPassed is { } passed
            ? new RecordedCheck(at, d.CompletenessCheckedBy ?? string.Empty, passed, CompletenessText.Lines(d.CompletenessFindings))
            : null;
        return new DossierDetails(
            d.Id, d.Reference, d.CandidateId, d.Candidate.OfficialName, d.CertificateCode, certificate?.Title ?? d.CertificateCode,
            d.CreatedAt, d.Documents.Select(x => x.Kind).ToHashSet(), sessions, lastCheck, input);
    }

    /// <summary>
    /// Saves the whole dossier as edited (candidate identity, parties, evaluation grids, VAE
    /// admissibility, earlier validations, observations) in one transaction. Refused when the dossier
    /// changed since <see cref="DossierEditInput.ConcurrencyStamp"/> (DbUpdateConcurrencyException) or
    /// is read-only (<see cref="DossierStanding.IsLocked"/>). Returns the new stamp.
    /// </summary>
    public async Task<Guid> UpdateAsync(Guid id, DossierEditInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("Modifier un dossier", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var d = await db.Dossiers
            .Include(x => x.Candidate)
            .Include(x => x.Evaluations).ThenInclude(e => e.Elements)
            .Include(x => x.ActivityPeriods)
            .Include(x => x.EarlierValidations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new UserFacingException(NotFoundMessage);
        await EnsureEditableAsync(db, id, cancellationToken);

        var certificate = catalog.Find(d.CertificateCode)
            ?? throw new UserFacingException($"Le CQP « {d.CertificateCode} » de ce dossier n'est plus dans le référentiel : il ne peut pas être modifié.");
        var draft = input.ToDraft(certificate.Code, d.CandidateId);
        var errors = _validator.Validate(draft, await DossierLookups.LoadAsync(db, draft, cancellationToken), DossierFormFields.Instance);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        db.Entry(d).Property(x => x.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp;
        d.ConcurrencyStamp = Guid.NewGuid();

        var candidate = d.Candidate!;
        candidate.LastName = input.CandidateLastName.Trim();
        candidate.FirstName = input.CandidateFirstName.Trim();
        candidate.BirthDate = input.CandidateBirthDate;
        candidate.Email = DossierWrites.Clean(input.CandidateEmail);
        candidate.PostalAddress = input.CandidateAddress.ToPostalAddress();

        d.EmployerId = input.EmployerId;
        d.TrainingOrganisationId = input.TrainingOrganisationId;
        draft.ApplyTo(d);

        // New rows have their keys set: add them explicitly (navigation fix-up would take them for existing rows).
        db.RemoveRange(d.ActivityPeriods);
        d.ActivityPeriods.Clear();
        db.AddRange(draft.ActivityRows(d.Id));
        ApplyEvaluations(db, d, draft.Evaluations);
        db.RemoveRange(d.EarlierValidations);
        d.EarlierValidations.Clear();
        db.AddRange(draft.ValidationRows(d.Id));

        var evaluated = input.Evaluations.Where(e => !e.IsEmpty).Select(e => e.CompetenceCode);
        audit.Add(db, actor, "Modification du dossier", null, d.Id,
            $"{d.Reference} – compétences évaluées : {string.Join(", ", evaluated)}");
        await db.SaveChangesAsync(cancellationToken);
        return d.ConcurrencyStamp;
    }

    /// <summary>
    /// Evaluations are updated in place by competence code (unique per dossier); their element lines
    /// are replaced. New rows are added to the context explicitly (their keys are already set).
    /// </summary>
    private static void ApplyEvaluations(CqpJuryDbContext db, DossierEntity d, IReadOnlyList<CompetenceEvaluationInput> inputs)
    {
        foreach (var stored in d.Evaluations.ToList())
        {
            var edited = inputs.FirstOrDefault(e => e.CompetenceCode == stored.CompetenceCode);
            if (edited is null || edited.IsEmpty)
            {
                db.Remove(stored);
                d.Evaluations.Remove(stored);
            }
        }

        foreach (var edited in inputs.Where(e => !e.IsEmpty))
        {
            var stored = d.Evaluations.FirstOrDefault(e => e.CompetenceCode == edited.CompetenceCode);
            if (stored is null)
            {
                stored = new CompetenceEvaluationEntity { Id = Guid.NewGuid(), DossierId = d.Id, CompetenceCode = edited.CompetenceCode };
                db.Add(stored);
            }
            else
            {
                db.RemoveRange(stored.Elements);
                stored.Elements.Clear();
            }

            stored.EvaluatorsSayMastered = edited.EvaluatorsSayMastered;
            db.AddRange(edited.ElementRows(stored.Id));
        }
    }

    internal static IQueryable<DossierEntity> FullQuery(CqpJuryDbContext db) => db.Dossiers.WithContent();

    /// <summary>
    /// Refuses a change to a read-only dossier (on an open session's agenda, or decided and signed:
    /// final, R12) with the French message its page's banner shows.
    /// </summary>
    internal static async Task EnsureEditableAsync(CqpJuryDbContext db, Guid dossierId, CancellationToken cancellationToken)
    {
        var standing = DossierStanding.Of(await DossierHearings.OfAsync(db, dossierId, cancellationToken));
        if (standing.IsLocked)
        {
            throw new UserFacingException(standing.Message);
        }
    }

    private static bool Matches(string name, string search) =>
        FrenchFormat.Culture.CompareInfo.IndexOf(name, search.Trim(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;
}

/// <summary>
/// How findings are stored on the dossier: one "R6 : …" per line (the rule id is data, kept for
/// comparing a stored check with a live one). <see cref="Lines"/> gives what a user reads: the
/// messages without their rule id (rule ids never reach a user, issue 19).
/// </summary>
internal static partial class CompletenessText
{
    public static string Of(IEnumerable<Finding> findings) => string.Join("\n", findings.Select(f => f.ToString()));

    public static IReadOnlyList<string> Lines(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? []
            : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => StoredRuleId().Replace(l, string.Empty)).ToList();

    [GeneratedRegex(@"^R\d+(\.\d+)? : ")]
    private static partial Regex StoredRuleId();
}
