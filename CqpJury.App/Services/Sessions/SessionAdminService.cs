using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Sessions;

/// <summary>
/// The secretariat prepares jury sessions: details, convened members (R8), agenda of complete
/// dossiers (R6), known conflicts (R10, R10.1), opening, journal. Every method checks the role on
/// the server, validates everything, and writes with one SaveChanges and an audit entry.
/// </summary>
public sealed class SessionAdminService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    ReferentialCatalog catalog,
    TimeProvider clock)
{
    public const string LockedOpenMessage = "La session est ouverte : sa composition et son ordre du jour ne peuvent plus être modifiés.";
    public const string LockedClosedMessage = "La session est clôturée : elle ne peut plus être modifiée.";
    public const string InformationFrozenMessage = "La session est ouverte : son titre, sa date, son heure, son lieu et ses membres ne peuvent plus être modifiés.";
    public const string IncompleteDossierPrefix = "Ce dossier est incomplet et ne peut pas être inscrit : ";

    public async Task<IReadOnlyList<SessionSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les sessions", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking()
            .Include(s => s.Members).ThenInclude(m => m.JuryMember)
            .Include(s => s.Agenda)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return sessions
            .OrderByDescending(s => s.Date).ThenBy(s => s.Title, StringComparer.CurrentCulture)
            .Select(s => new SessionSummary(
                s.Id, s.Title, s.Date, s.StartTime, s.Place, s.VideoLink, s.Status,
                s.Members.Count, s.Agenda.Count,
                JuryComposition.Check(s.Members.Select(m => m.JuryMember!.ToDomain()))))
            .ToList();
    }

    public async Task<SessionDetails> GetAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter une session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await LoadFullAsync(db, sessionId, tracking: false, cancellationToken);
        var members = session.Members.Select(m => m.JuryMember!).OrderBy(m => m.Seat).ThenBy(m => m.LastName, StringComparer.CurrentCulture).ToList();
        var domainMembers = members.Select(m => m.ToDomain()).ToList();

        var hearings = await DossierHearings.LoadAsync(db, null, cancellationToken);
        var agenda = session.Agenda.OrderBy(a => a.Position).Select(a => AgendaLineFor(a, members, domainMembers, session.Date, hearings)).ToList();

        var convenedIds = members.Select(m => m.Id).ToHashSet();
        var commitments = await db.ConfidentialityAcceptances.AsNoTracking().Where(c => c.SessionId == sessionId)
            .ToDictionaryAsync(c => c.JuryMemberId, c => c.AcceptedAt, cancellationToken);
        var attendances = await db.Attendances.AsNoTracking().Where(a => a.SessionId == sessionId)
            .ToDictionaryAsync(a => a.JuryMemberId, a => a.FirstJoinedAt, cancellationToken);
        var availableMembers = (await db.JuryMembers.AsNoTracking().Where(m => m.IsActive).ToListAsync(cancellationToken))
            .Where(m => !convenedIds.Contains(m.Id))
            .OrderBy(m => m.Seat).ThenBy(m => m.LastName, StringComparer.CurrentCulture).ThenBy(m => m.FirstName, StringComparer.CurrentCulture)
            .Select(m => new MemberChoice(m.Id, m.FullName, m.Seat))
            .ToList();

        // R6 + R12: only complete dossiers with no signed decision and on no other pending agenda are offered.
        var eligibleIds = (await db.Dossiers.AsNoTracking().Select(d => d.Id).ToListAsync(cancellationToken))
            .Where(id => AgendaEligibility.ForAgenda(hearings[id].Select(h => h.ToHearing()), sessionId).Count == 0)
            .ToList();
        var candidates = await FullDossiers(db).AsNoTracking().AsSplitQuery().Where(d => eligibleIds.Contains(d.Id)).ToListAsync(cancellationToken);
        var availableDossiers = candidates
            .Where(d => Completeness(d, session.Date).Count == 0)
            .OrderBy(d => d.Reference, StringComparer.Ordinal)
            .Select(d => new DossierChoice(d.Id, d.Reference, d.Candidate?.OfficialName ?? string.Empty, d.CertificateCode,
                History(hearings[d.Id], sessionId)))
            .ToList();

        return new SessionDetails(
            session.Id, session.Title, session.Date, session.StartTime, session.Place, session.VideoLink, session.Status,
            session.ConcurrencyStamp,
            members.Select(m => new ConvenedMember(m.Id, m.FullName, m.Seat, m.Organisation?.Name ?? m.OrganisationName, m.IsActive,
                commitments.TryGetValue(m.Id, out var accepted) ? accepted : null,
                attendances.TryGetValue(m.Id, out var joined) ? joined : null)).ToList(),
            JuryComposition.Check(domainMembers),
            agenda,
            availableMembers,
            availableDossiers,
            OpeningBlockers(members, agenda, session.Date, FrenchTime.Today(clock)));
    }

    public async Task<Guid> CreateAsync(SessionInput input, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("créer une session", cancellationToken);
        var errors = Validate(input, requireFutureDate: true);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = new JurySession
        {
            Id = Guid.NewGuid(),
            Status = SessionStatus.Draft,
            CreatedAt = clock.GetUtcNow(),
        };
        Apply(session, input);
        db.Sessions.Add(session);
        audit.Add(db, actor, "Création de la session", session.Id, details: Describe(session));
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>
    /// Changes the session's information (title, date, time, place, link): only while it is a draft —
    /// an open or closed session is what it said it was. Audited with what changed; a save that
    /// changes nothing writes nothing.
    /// </summary>
    public async Task UpdateAsync(Guid sessionId, SessionInput input, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("modifier une session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken) ?? throw NotFound();
        if (session.Status != SessionStatus.Draft)
        {
            throw new UserFacingException(session.Status == SessionStatus.Open ? InformationFrozenMessage : LockedClosedMessage);
        }

        var errors = Validate(input, requireFutureDate: input.Date is { } date && date != session.Date);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var before = Describe(session);
        Apply(session, input);
        var after = Describe(session);
        if (before == after)
        {
            return; // nothing changed: no new version, no journal line
        }

        Touch(db, session, concurrencyStamp);
        audit.Add(db, actor, "Modification de la session", session.Id, details: $"Avant : {before}\nAprès : {after}");
        // Members already convened are sent the change (same transaction), as an update of their invitation.
        await Mail.ConvocationMail.EnqueueChangeAsync(db, session, clock.GetUtcNow(), actor.DisplayName, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddMemberAsync(Guid sessionId, Guid memberId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("convoquer un membre", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await EditableAsync(db, sessionId, cancellationToken);
        var member = await db.JuryMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            throw new InputValidationException("MemberId", "Choisissez un membre du jury.");
        }

        if (!member.IsActive)
        {
            throw new InputValidationException("MemberId", $"{member.FullName} est désactivé(e) et ne peut pas être convoqué(e).");
        }

        if (session.Members.Any(m => m.JuryMemberId == memberId))
        {
            throw new InputValidationException("MemberId", $"{member.FullName} est déjà convoqué(e) à cette session.");
        }

        Touch(db, session, concurrencyStamp);
        db.SessionMembers.Add(new SessionMember { SessionId = session.Id, JuryMemberId = member.Id });
        audit.Add(db, actor, "Convocation d'un membre", session.Id, details: $"{member.FullName} ({member.Seat.ToFrench()})");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveMemberAsync(Guid sessionId, Guid memberId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("retirer un membre", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await EditableAsync(db, sessionId, cancellationToken);
        var link = session.Members.FirstOrDefault(m => m.JuryMemberId == memberId)
            ?? throw new InputValidationException("MemberId", "Ce membre n'est pas convoqué à cette session.");
        var member = await db.JuryMembers.AsNoTracking().FirstAsync(m => m.Id == memberId, cancellationToken);
        Touch(db, session, concurrencyStamp);
        session.Members.Remove(link);
        // Issue 20: a member already convened is sent the cancellation of their invitation (same transaction).
        var withdrawn = await Mail.ConvocationMail.EnqueueWithdrawalAsync(db, session, member, clock.GetUtcNow(), actor.DisplayName, cancellationToken);
        audit.Add(db, actor, "Retrait d'un membre", session.Id,
            details: $"{member.FullName} ({member.Seat.ToFrench()}){(withdrawn ? " ; annulation de sa convocation mise en file d'envoi" : "")}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// R6 + R12: only a complete dossier with no signed decision, on no other pending agenda, is put
    /// on the agenda (<see cref="AgendaEligibility"/>); a postponed one keeps its history. Two
    /// inscriptions of one dossier at the same moment (two instances) cannot both succeed: each
    /// bumps the dossier's version.
    /// </summary>
    public async Task AddDossierAsync(Guid sessionId, Guid dossierId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        const string action = "inscrire un dossier à l'ordre du jour";
        var actor = await actors.RequireSecretariatAsync(action, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await EditableAsync(db, sessionId, cancellationToken);
        var dossier = await FullDossiers(db).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == dossierId, cancellationToken)
            ?? throw new InputValidationException("DossierId", "Choisissez un dossier.");
        var hearings = (await DossierHearings.OfAsync(db, dossierId, cancellationToken)).Select(h => h.ToHearing()).ToList();
        var refusals = AgendaEligibility.ForAgenda(hearings, sessionId, dossier.Reference);
        if (refusals.Count > 0)
        {
            var message = string.Join(" ", refusals.Select(f => f.Message));
            if (refusals.Any(f => f.RuleId == "R12"))
            {
                // A crafted request for a decided dossier (the page never offers it): journaled.
                await audit.RecordRefusalAsync(actor, action, sessionId, dossierId, message);
            }

            throw new InputValidationException("DossierId", message);
        }

        var findings = Completeness(dossier, session.Date);
        if (findings.Count > 0)
        {
            throw new InputValidationException("DossierId", IncompleteDossierPrefix + string.Join(" ; ", findings.Select(f => f.Message)));
        }

        Touch(db, session, concurrencyStamp);
        dossier.ConcurrencyStamp = Guid.NewGuid(); // serializes inscriptions of this dossier in any session
        // Added explicitly: a preset Guid key found through the navigation would be taken for an existing row.
        db.AgendaItems.Add(new AgendaItem
        {
            Id = Guid.NewGuid(),
            SessionId = session.Id,
            DossierId = dossier.Id,
            Position = session.Agenda.Count == 0 ? 1 : session.Agenda.Max(a => a.Position) + 1,
        });
        var postponements = AgendaEligibility.Postponements(hearings, sessionId);
        var history = postponements.Count == 0
            ? dossier.Reference
            : $"{dossier.Reference} (ajourné lors de : {string.Join(", ", postponements.Select(p => $"session « {p.SessionTitle} » du {FrenchFormat.Date(p.SessionDate)}"))})";
        audit.Add(db, actor, "Inscription d'un dossier à l'ordre du jour", session.Id, dossier.Id, history);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveDossierAsync(Guid sessionId, Guid dossierId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("retirer un dossier de l'ordre du jour", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await EditableAsync(db, sessionId, cancellationToken);
        var item = session.Agenda.FirstOrDefault(a => a.DossierId == dossierId)
            ?? throw new InputValidationException("DossierId", "Ce dossier n'est pas inscrit à l'ordre du jour de cette session.");
        var reference = await db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.Reference).FirstAsync(cancellationToken);
        Touch(db, session, concurrencyStamp);
        session.Agenda.Remove(item);
        db.AgendaItems.Remove(item);
        Renumber(session.Agenda);
        audit.Add(db, actor, "Retrait d'un dossier de l'ordre du jour", session.Id, dossierId, reference);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MoveDossierAsync(Guid sessionId, Guid dossierId, AgendaMove move, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("réordonner l'ordre du jour", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await EditableAsync(db, sessionId, cancellationToken);
        var ordered = session.Agenda.OrderBy(a => a.Position).ToList();
        var index = ordered.FindIndex(a => a.DossierId == dossierId);
        if (index < 0)
        {
            throw new InputValidationException("DossierId", "Ce dossier n'est pas inscrit à l'ordre du jour de cette session.");
        }

        var target = move == AgendaMove.Up ? index - 1 : index + 1;
        if (target < 0 || target >= ordered.Count)
        {
            throw new InputValidationException("DossierId", move == AgendaMove.Up
                ? "Ce dossier est déjà le premier de l'ordre du jour."
                : "Ce dossier est déjà le dernier de l'ordre du jour.");
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }

        var reference = await db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.Reference).FirstAsync(cancellationToken);
        Touch(db, session, concurrencyStamp);
        audit.Add(db, actor, "Réorganisation de l'ordre du jour", session.Id, dossierId,
            $"{reference} {(move == AgendaMove.Up ? "monte" : "descend")} en position {target + 1}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the session on its own date (Paris time) when R8 holds, the agenda is not empty and
    /// every dossier is still complete (R6): the documents' « Date du jury » is the day it sits.
    /// </summary>
    public async Task OpenAsync(Guid sessionId, Guid concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("ouvrir une session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await LoadFullAsync(db, sessionId, tracking: true, cancellationToken);
        if (session.Status != SessionStatus.Draft)
        {
            throw new UserFacingException(session.Status == SessionStatus.Open ? "La session est déjà ouverte." : LockedClosedMessage);
        }

        var members = session.Members.Select(m => m.JuryMember!).ToList();
        var domainMembers = members.Select(m => m.ToDomain()).ToList();
        var hearings = await DossierHearings.LoadAsync(db, session.Agenda.Select(a => a.DossierId).ToList(), cancellationToken);
        var agenda = session.Agenda.OrderBy(a => a.Position).Select(a => AgendaLineFor(a, members, domainMembers, session.Date, hearings)).ToList();
        var blockers = OpeningBlockers(members, agenda, session.Date, FrenchTime.Today(clock));
        if (blockers.Count > 0)
        {
            throw new InputValidationException(blockers.Select(b => new FieldError("Ouverture", b)).ToList());
        }

        Touch(db, session, concurrencyStamp);
        session.Status = SessionStatus.Open;
        audit.Add(db, actor, "Ouverture de la session", session.Id,
            details: $"{members.Count} membre(s) convoqué(s), {agenda.Count} dossier(s) à l'ordre du jour");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The session's append-only journal, oldest first.</summary>
    public async Task<IReadOnlyList<SessionAuditLine>> AuditAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter le journal d'une session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            throw NotFound();
        }

        return await (from a in db.AuditEntries.AsNoTracking()
                      where a.SessionId == sessionId
                      join d in db.Dossiers on a.DossierId equals (Guid?)d.Id into dossiers
                      from d in dossiers.DefaultIfEmpty()
                      orderby a.Id
                      select new SessionAuditLine(a.At, a.UserName, a.Action, d == null ? null : d.Reference, a.Details))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The title of a session (for the journal page heading).</summary>
    public async Task<string> TitleAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter une session", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Title, s.Date }).FirstOrDefaultAsync(cancellationToken) ?? throw NotFound();
        return $"{session.Title} ({FrenchFormat.Date(session.Date)})";
    }

    // ------------------------------------------------------------------ helpers

    private List<FieldError> Validate(SessionInput? input, bool requireFutureDate)
    {
        var errors = new List<FieldError>();
        if (input is null)
        {
            errors.Add(new FieldError(nameof(SessionInput.Title), "Le formulaire est vide."));
            return errors;
        }

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add(new FieldError(nameof(SessionInput.Title), "Le titre est obligatoire."));
        }
        else if (title.Length > 200)
        {
            errors.Add(new FieldError(nameof(SessionInput.Title), "Le titre ne doit pas dépasser 200 caractères."));
        }

        if (input.Date is not { } date)
        {
            errors.Add(new FieldError(nameof(SessionInput.Date), "La date est obligatoire."));
        }
        else if (requireFutureDate && date < FrenchTime.Today(clock))
        {
            errors.Add(new FieldError(nameof(SessionInput.Date), "La date de la session ne peut pas être dans le passé."));
        }

        var place = input.Place?.Trim();
        var link = input.VideoLink?.Trim();
        if (place is { Length: > 300 })
        {
            errors.Add(new FieldError(nameof(SessionInput.Place), "Le lieu ne doit pas dépasser 300 caractères."));
        }

        if (!string.IsNullOrEmpty(link))
        {
            if (link.Length > 500)
            {
                errors.Add(new FieldError(nameof(SessionInput.VideoLink), "Le lien de visioconférence ne doit pas dépasser 500 caractères."));
            }
            else if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
            {
                errors.Add(new FieldError(nameof(SessionInput.VideoLink), "Le lien de visioconférence doit être une adresse web (https://…)."));
            }
        }

        if (string.IsNullOrEmpty(place) && string.IsNullOrEmpty(link))
        {
            errors.Add(new FieldError(nameof(SessionInput.Place), "Indiquez un lieu ou un lien de visioconférence."));
        }

        return errors;
    }

    private static void Apply(JurySession session, SessionInput input)
    {
        session.Title = input.Title!.Trim();
        session.Date = input.Date!.Value;
        session.StartTime = input.StartTime;
        session.Place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        session.VideoLink = string.IsNullOrWhiteSpace(input.VideoLink) ? null : input.VideoLink.Trim();
    }

    private static string Describe(JurySession s) =>
        $"{s.Title} — {FrenchFormat.Date(s.Date)}"
        + (s.StartTime is { } t ? $" à {t.ToString("HH:mm", FrenchFormat.Culture)}" : string.Empty)
        + (s.Place is null ? string.Empty : $" — {s.Place}")
        + (s.VideoLink is null ? string.Empty : $" — {s.VideoLink}");

    /// <summary>Optimistic concurrency: the change applies only to the version the user loaded.</summary>
    private static void Touch(CqpJuryDbContext db, JurySession session, Guid loadedStamp)
    {
        db.Entry(session).Property(s => s.ConcurrencyStamp).OriginalValue = loadedStamp;
        session.ConcurrencyStamp = Guid.NewGuid();
    }

    private static void Renumber(IEnumerable<AgendaItem> agenda)
    {
        var position = 1;
        foreach (var item in agenda.OrderBy(a => a.Position))
        {
            item.Position = position++;
        }
    }

    private static UserFacingException NotFound() => new("Cette session n'existe pas (ou plus).");

    private static async Task<JurySession> EditableAsync(CqpJuryDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions
            .Include(s => s.Members)
            .Include(s => s.Agenda)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken) ?? throw NotFound();
        return session.Status switch
        {
            SessionStatus.Open => throw new UserFacingException(LockedOpenMessage),
            SessionStatus.Closed => throw new UserFacingException(LockedClosedMessage),
            _ => session,
        };
    }

    private static IQueryable<DossierEntity> FullDossiers(CqpJuryDbContext db) => db.Dossiers.WithContent();

    private static async Task<JurySession> LoadFullAsync(CqpJuryDbContext db, Guid sessionId, bool tracking, CancellationToken cancellationToken)
    {
        IQueryable<JurySession> query = db.Sessions
            .Include(s => s.Members).ThenInclude(m => m.JuryMember!).ThenInclude(m => m.Links)
            .Include(s => s.Members).ThenInclude(m => m.JuryMember!).ThenInclude(m => m.Organisation)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.Candidate)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.Employer)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.TrainingOrganisation)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.SectorProfessional)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.ExternalAssessor)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.Evaluations).ThenInclude(e => e.Elements)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.Documents)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.ActivityPeriods)
            .Include(s => s.Agenda).ThenInclude(a => a.Dossier!).ThenInclude(d => d.EarlierValidations)
            .AsSplitQuery();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }

        return await query.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken) ?? throw NotFound();
    }

    /// <summary>R6 (with R5.3, R7) as of the session date; an unknown CQP is a finding too.</summary>
    private IReadOnlyList<Finding> Completeness(DossierEntity dossier, DateOnly asOf)
    {
        var certificate = catalog.Find(dossier.CertificateCode);
        return certificate is null
            ? [new Finding("R1", $"Le CQP « {dossier.CertificateCode} » n'existe pas dans le référentiel.")]
            : CompletenessCheck.Check(dossier.ToDomain(), certificate, asOf);
    }

    /// <summary>A dossier's earlier postponements, as the session page shows them (R12: a postponed dossier keeps its history).</summary>
    private static List<string> History(IEnumerable<DossierSessionInfo> hearings, Guid sessionId) =>
        hearings.Where(h => h.SessionId != sessionId && h.Outcome == HearingOutcome.Postponed).Select(h => h.HistoryLine).ToList();

    private AgendaLine AgendaLineFor(
        AgendaItem item, List<JuryMemberEntity> members, List<JuryMember> domainMembers, DateOnly sessionDate, ILookup<Guid, DossierSessionInfo> hearings)
    {
        var dossier = item.Dossier!;
        var conflicts = members
            .Select(m => (Member: m, Reasons: KnownConflicts.Reasons(m, dossier)))
            .Where(x => x.Reasons.Count > 0)
            .Select(x => new KnownConflict(x.Member.Id, x.Member.FullName, x.Member.Seat, x.Reasons))
            .ToList();
        IReadOnlyList<string> proposals = [];
        IReadOnlyList<Finding> panelFindings = [];
        var mustPostpone = false;
        if (conflicts.Count > 0 && domainMembers.Count > 0)
        {
            var assessment = ParityRestoration.Assess(domainMembers, conflicts.Select(c => c.MemberId));
            proposals = assessment.Proposals
                .Select(p => $"Parité rétablie si {p.Member.Name} ({p.Member.Seat.ToFrench().ToLower(FrenchFormat.Culture)}) se retire pour ce dossier.")
                .ToList();
            panelFindings = assessment.Findings;
            mustPostpone = assessment.MustPostpone;
        }

        return new AgendaLine(
            dossier.Id,
            item.Position,
            dossier.Reference,
            dossier.Candidate?.OfficialName ?? string.Empty,
            dossier.CertificateCode,
            dossier.Route.ToFrench(),
            Completeness(dossier, sessionDate),
            conflicts,
            proposals,
            mustPostpone,
            panelFindings,
            History(hearings[dossier.Id], item.SessionId));
    }

    /// <summary>What prevents opening: R8 for the convened members, an empty agenda, an incomplete dossier (R6), a deactivated member, another day than the session's.</summary>
    private static List<string> OpeningBlockers(List<JuryMemberEntity> members, List<AgendaLine> agenda, DateOnly sessionDate, DateOnly today)
    {
        var blockers = JuryComposition.Check(members.Select(m => m.ToDomain())).Select(f => f.Message).ToList();
        blockers.AddRange(members.Where(m => !m.IsActive).Select(m => $"{m.FullName} est désactivé(e) : retirez-le ou retirez-la de la session."));
        if (agenda.Count == 0)
        {
            blockers.Add("L'ordre du jour est vide : inscrivez au moins un dossier complet.");
        }

        foreach (var line in agenda.Where(l => !l.IsComplete))
        {
            blockers.Add($"Le dossier {line.Reference} n'est plus complet : " + string.Join(" ; ", line.CompletenessFindings.Select(f => f.Message)));
        }

        if (DateBlocker(sessionDate, today) is { } dateBlocker)
        {
            blockers.Add(dateBlocker);
        }

        return blockers;
    }

    /// <summary>A session opens only on its own date, Paris time (what its documents will say it sat on).</summary>
    private static string? DateBlocker(DateOnly sessionDate, DateOnly today) =>
        sessionDate == today ? null
        : sessionDate > today
            ? $"La session est prévue le {FrenchFormat.Date(sessionDate)} : elle ne peut être ouverte que ce jour-là (heure de Paris). Si elle se tient aujourd'hui, modifiez d'abord sa date."
            : $"La session était prévue le {FrenchFormat.Date(sessionDate)}, date passée : reprogrammez-la d'abord (modifiez sa date), puis ouvrez-la le jour venu.";
}
