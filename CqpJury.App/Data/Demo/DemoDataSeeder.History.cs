using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Room;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using Microsoft.EntityFrameworkCore;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Data.Demo;

/// <summary>
/// The demo's history (issue 24): eight closed sessions over the two years before today, each with
/// signed decisions reached through the domain's own deliberation (proposal, unanimous votes,
/// signature; events stored as the room stores them), so that the statistics page shows something
/// on first run. Both CQPs and both routes; full awards, partial validations, non validations, a
/// competence declined although mastered (R3), evaluator discrepancies (R2.2), returning candidates
/// completing their CQP (R4.2), dossiers postponed then decided at the next session, and one
/// postponed at the last session and not decided since. Clearly
/// fictitious: sessions titled "… (historique de démonstration)", references "H-…", made-up names.
/// The demo session's own content is not touched.
/// </summary>
public sealed partial class DemoDataSeeder
{
    /// <summary>Ends the title of every history session.</summary>
    public const string HistoryMarker = "(historique de démonstration)";

    /// <summary>Starts the reference of every history dossier.</summary>
    public const string HistoryReferencePrefix = "H-";

    private const int HistorySessions = 8;
    private const int DossiersPerHistorySession = 4;

    private static readonly (string First, string Last)[] HistoryNames =
    [
        ("Agathe", "Blanchard"), ("Bastien", "Carpentier"), ("Chloé", "Delorme"), ("Damien", "Esnault"), ("Estelle", "Ferrand"),
        ("Florian", "Gauthier"), ("Gaëlle", "Hamon"), ("Hugo", "Imbert"), ("Inès", "Jacquet"), ("Jérôme", "Klein"),
        ("Karine", "Lemaire"), ("Lucas", "Marchal"), ("Manon", "Nicolas"), ("Nathan", "Olivier"), ("Océane", "Pasquier"),
        ("Paul", "Quéré"), ("Rachida", "Renaud"), ("Sébastien", "Sauvage"), ("Tiphaine", "Tessier"), ("Ugo", "Vasseur"),
        ("Valérie", "Weber"), ("William", "Zimmermann"), ("Yasmine", "Aubert"), ("Zoé", "Bertin"), ("Antoine", "Collet"),
        ("Bérénice", "Dupré"), ("Cédric", "Étienne"), ("Delphine", "Faure"), ("Emmanuel", "Gilbert"), ("Fanny", "Huet"),
        ("Gilles", "Joly"), ("Hélène", "Lacroix"), ("Ismaël", "Maillard"), ("Julie", "Noël"), ("Kevin", "Poulain"),
        ("Laura", "Rolland"), ("Mathis", "Schmitt"), ("Nina", "Tanguy"), ("Olivia", "Vidal"), ("Pierre", "Barbier"),
    ];

    /// <summary>What happens to a history dossier at its (last) session.</summary>
    private enum HistoryProfile
    {
        Awarded,
        PartialNotMastered,
        DeclinedAlthoughMastered,
        Discrepancy,
        NotValidated,
    }

    private static readonly HistoryProfile[] HistoryProfiles =
    [
        HistoryProfile.Awarded, HistoryProfile.PartialNotMastered, HistoryProfile.Awarded, HistoryProfile.DeclinedAlthoughMastered,
        HistoryProfile.Discrepancy, HistoryProfile.Awarded, HistoryProfile.NotValidated, HistoryProfile.PartialNotMastered,
        HistoryProfile.Awarded,
    ];

    private async Task SeedHistoryAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        var members = await db.JuryMembers.Include(m => m.Links).Where(m => m.Email.EndsWith("@" + Domain)).ToListAsync(cancellationToken);
        var evaluators = await db.Evaluators.Where(e => e.Email != null && e.Email.EndsWith("@" + Domain)).ToListAsync(cancellationToken);
        var pros = evaluators.Where(e => e.Role == EvaluatorRole.SectorProfessional).ToList();
        var exts = evaluators.Where(e => e.Role == EvaluatorRole.ExternalAssessor).ToList();
        var jury = members.Select(m => m.ToDomain()).ToList();
        var president = members.FirstOrDefault(m => m.Seat == Seat.EmployerRepresentative);
        if (!JuryComposition.IsValid(jury) || president is null || pros.Count == 0 || exts.Count == 0)
        {
            return; // not the demo's jury: nothing to build a history on
        }

        // Organisations no demo member is linked with: every member deliberates on every history dossier (R10).
        var organisations = (await db.Organisations.ToListAsync(cancellationToken))
            .Where(o => !members.Any(m => m.OrganisationId == o.Id || m.Links.Any(l => l.OrganisationId == o.Id)))
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        var employers = organisations.Where(o => o.Kind == OrganisationKind.Employer).ToList();
        var trainers = organisations.Where(o => o.Kind == OrganisationKind.TrainingOrganisation).ToList();

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var now = clock.GetUtcNow();
        var certificates = new[] { catalog.Get("CQP-AF"), catalog.Get("CQP-CCF") };
        var history = new HistoryBuilder(this, db, members, president, now);
        var sessions = Enumerable.Range(0, HistorySessions)
            .Select(i => history.Session(today.AddMonths(-(22 - (3 * i))).AddDays(-(i % 3) * 4)))
            .ToList();

        var returning = new List<(int Session, DossierEntity Earlier, Candidate Candidate, OutcomeResult Outcome)>();
        var count = 0;
        for (var s = 0; s < sessions.Count; s++)
        {
            for (var j = 0; j < DossiersPerHistorySession; j++)
            {
                var certificate = certificates[(s + j) % 2];
                var route = j == 3 || (s + j) % 5 == 0 ? Route.Vae : Route.SkillsDevelopment;
                var profile = HistoryProfiles[((s * DossiersPerHistorySession) + j) % HistoryProfiles.Length];
                var candidate = history.Candidate(HistoryNames[count % HistoryNames.Length]);
                var dossier = history.Dossier(candidate, certificate, route, employers.ElementAtOrDefault(count % Math.Max(1, employers.Count)),
                    route == Route.Vae ? null : trainers.ElementAtOrDefault(count % Math.Max(1, trainers.Count)),
                    pros[count % pros.Count], exts[count % exts.Count], sessions[s], profile, earlier: null, checkDaysBefore: 12 + (count * 7 % 45));
                var outcome = history.Decide(sessions[s], dossier, certificate, profile);
                if (outcome.Outcome == DecisionOutcome.PartiallyValidated && s + 3 < sessions.Count && count % 2 == 1)
                {
                    returning.Add((s + 3, dossier, candidate, outcome));
                }

                count++;
            }

            // R4.2: candidates back after a partial validation, evaluated on what is left, complete their CQP.
            foreach (var back in returning.Where(r => r.Session == s).ToList())
            {
                var certificate = catalog.Get(back.Earlier.CertificateCode);
                var held = back.Outcome.NewAcquisitions(sessions[back.Session - 3].Date);
                var dossier = history.Dossier(back.Candidate, certificate, back.Earlier.Route, back.Earlier.EmployerId is { } e ? employers.First(o => o.Id == e) : null,
                    back.Earlier.TrainingOrganisationId is { } t ? trainers.First(o => o.Id == t) : null,
                    pros[count % pros.Count], exts[count % exts.Count], sessions[s], HistoryProfile.Awarded, held, checkDaysBefore: 20 + (count % 9));
                history.Decide(sessions[s], dossier, certificate, HistoryProfile.Awarded);
                count++;
            }

            // A dossier postponed (the trade expert absent, R10.1) and decided at the next session (R12: same dossier, history kept).
            if (s is 2 or 6)
            {
                var certificate = certificates[s % 4 == 2 ? 1 : 0];
                var candidate = history.Candidate(HistoryNames[count % HistoryNames.Length]);
                var profile = s == 2 ? HistoryProfile.Awarded : HistoryProfile.PartialNotMastered;
                var dossier = history.Dossier(candidate, certificate, Route.SkillsDevelopment, employers.FirstOrDefault(), trainers.FirstOrDefault(),
                    pros[0], exts[^1], sessions[s], profile, earlier: null, checkDaysBefore: 15);
                history.Postpone(sessions[s], dossier, certificate);
                history.Decide(sessions[s + 1], dossier, certificate, profile);
                count++;
            }
        }

        // Postponed at the last history session and not decided since: it counts as "ajourné".
        var pendingCertificate = certificates[1];
        var pending = history.Dossier(history.Candidate(HistoryNames[count % HistoryNames.Length]), pendingCertificate, Route.Vae, employers.LastOrDefault(), null,
            pros[^1], exts[0], sessions[^1], HistoryProfile.Awarded, earlier: null, checkDaysBefore: 30);
        history.Postpone(sessions[^1], pending, pendingCertificate);
        count++;

        db.AuditEntries.Add(new AuditEntry { At = now, UserName = "système", Action = "Historique de démonstration créé", Details = $"{HistorySessions} sessions clôturées, {count} dossiers" });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Builds the history's entities and adds them to the context (saved once by the caller).</summary>
    private sealed class HistoryBuilder(DemoDataSeeder seeder, CqpJuryDbContext db, IReadOnlyList<JuryMemberEntity> members, JuryMemberEntity president, DateTimeOffset now)
    {
        private readonly Dictionary<Guid, int> _positions = [];
        private int _sequence;

        public JurySession Session(DateOnly date)
        {
            var session = new JurySession
            {
                Id = Guid.NewGuid(),
                Title = $"Jury paritaire CQP – {date.ToString("MMMM yyyy", FrenchFormat.Culture)} {HistoryMarker}",
                Date = date,
                StartTime = new TimeOnly(14, 0),
                Place = "CPEF – salle Jean Monnet, Paris (fictif)",
                Status = SessionStatus.Closed,
                CreatedAt = At(date.AddDays(-45), 9),
                PresidentMemberId = president.Id,
                PresidentDesignatedAt = At(date, 13),
                ClosedAt = At(date, 18),
                ClosedBy = "Secrétariat de la CPEF (démonstration)",
            };
            session.Members.AddRange(members.Select(m => new SessionMember { SessionId = session.Id, JuryMemberId = m.Id }));
            db.Sessions.Add(session);
            db.Attendances.AddRange(members.Select(m => new SessionAttendance { SessionId = session.Id, JuryMemberId = m.Id, FirstJoinedAt = At(date, 13), LastJoinedAt = At(date, 13) }));
            _positions[session.Id] = 0;
            return session;
        }

        public Candidate Candidate((string First, string Last) name)
        {
            var candidate = DemoDataSeeder.Candidate(name.First, name.Last, new DateOnly(1980 + (_sequence % 20), 1 + (_sequence % 12), 1 + (_sequence % 27)));
            db.Candidates.Add(candidate);
            return candidate;
        }

        public DossierEntity Dossier(
            Candidate candidate, CertificateDefinition certificate, Route route, Organisation? employer, Organisation? training,
            EvaluatorEntity pro, EvaluatorEntity ext, JurySession session, HistoryProfile profile,
            IReadOnlyList<CompetenceAcquisition>? earlier, int checkDaysBefore)
        {
            var held = earlier?.Select(a => a.CompetenceCode).ToHashSet(StringComparer.Ordinal) ?? [];
            var toEvaluate = certificate.Competences.Select(c => c.Code).Where(c => !held.Contains(c)).ToList();
            IReadOnlyCollection<string> notMastered = profile switch
            {
                HistoryProfile.PartialNotMastered => [toEvaluate[^2]],
                HistoryProfile.NotValidated => toEvaluate,
                _ => [],
            };
            var reference = $"{HistoryReferencePrefix}{session.Date.Year}-{++_sequence:0000}";
            var dossier = DemoDataSeeder.Dossier(candidate, certificate, route, employer, training, pro, ext, reference, now, notMastered, toEvaluate);
            var checkedOn = session.Date.AddDays(-checkDaysBefore);
            dossier.EvaluationDate = checkedOn.AddDays(-14);
            dossier.CreatedAt = At(checkedOn.AddDays(-20), 9);
            if (profile == HistoryProfile.Discrepancy)
            {
                // R2.2: the evaluators say "maîtrisée" although an essential element is "non acquis".
                var evaluation = dossier.Evaluations[1];
                evaluation.Elements.First(e => e.IsEssential).Status = ElementStatus.NotAcquired;
            }

            if (route == Route.Vae)
            {
                dossier.AdmissibilityRequestDate = checkedOn.AddMonths(-8);
                dossier.AdmissibilityAccepted = true;
                dossier.AdmissibilityReviewedBy = "Secrétariat de la CPEF (démonstration)";
                dossier.AdmissibilityReviewedOn = checkedOn.AddMonths(-7);
                dossier.ActivityPeriods.Add(new ActivityPeriodEntity { Id = Guid.NewGuid(), DossierId = dossier.Id, Start = checkedOn.AddYears(-6), Description = "Activité dans un organisme de formation (fictif)" });
            }

            dossier.EarlierValidations.AddRange((earlier ?? []).Select(a => new EarlierValidationEntity { Id = Guid.NewGuid(), DossierId = dossier.Id, CompetenceCode = a.CompetenceCode, ValidatedOn = a.ValidatedOn }));
            foreach (var kind in route == Route.Vae ? [DocumentKind.DossierVae] : new[] { DocumentKind.Outil1, DocumentKind.Outil2 })
            {
                dossier.Documents.Add(seeder.StoreDocument(dossier, candidate, kind, dossier.CreatedAt));
            }

            dossier.CompletenessCheckedAt = At(checkedOn, 10);
            dossier.CompletenessCheckedBy = "Secrétariat de la CPEF (démonstration)";
            dossier.CompletenessCheckPassed = true;
            db.Dossiers.Add(dossier);
            return dossier;
        }

        /// <summary>The deliberation as the room runs it: the president proposes, the panel approves unanimously, the president signs (R11, R14).</summary>
        public OutcomeResult Decide(JurySession session, DossierEntity dossier, CertificateDefinition certificate, HistoryProfile profile)
        {
            var (deliberation, at) = Open(session, dossier, certificate);
            var proposal = deliberation.Subject.DefaultProposal.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            if (profile == HistoryProfile.DeclinedAlthoughMastered)
            {
                // R3: the jury may decline a mastered competence (e.g. the procedure was not followed).
                proposal[proposal.Keys.Order(StringComparer.Ordinal).First()] = false;
            }

            deliberation.Propose(president.Id, proposal, at.AddMinutes(2));
            foreach (var member in deliberation.Panel.Members)
            {
                deliberation.Cast(member.Id, VoteChoice.Approve, at.AddMinutes(4));
            }

            deliberation.WriteDecisionText(president.Id, "Décision de l'historique de démonstration (fictive).", null, at.AddMinutes(6));
            deliberation.Sign(president.Id, at.AddMinutes(8));
            Store(session, dossier, deliberation, at);
            return deliberation.Decision!.Outcome;
        }

        public void Postpone(JurySession session, DossierEntity dossier, CertificateDefinition certificate)
        {
            var (deliberation, at) = Open(session, dossier, certificate);
            deliberation.Postpone(president.Id, "L'expert métier a dû quitter la séance : dossier ajourné à la session suivante.", at.AddMinutes(3));
            Store(session, dossier, deliberation, at);
        }

        private (Deliberation Deliberation, DateTimeOffset At) Open(JurySession session, DossierEntity dossier, CertificateDefinition certificate)
        {
            var position = ++_positions[session.Id];
            session.Agenda.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = session.Id, DossierId = dossier.Id, Position = position });
            var panel = Panel.For(members.Select(m => m.ToDomain()), members.Where(m => KnownConflicts.Exists(m, dossier)).Select(m => m.Id));
            var deliberation = Deliberation.Open(DeliberationReplay.Subject(dossier, certificate, session.Date), panel, president.Id);
            return (deliberation, At(session.Date, 14).AddMinutes(20 * position));
        }

        /// <summary>The record and its facts, as the room writes them (RoomService's Persist).</summary>
        private void Store(JurySession session, DossierEntity dossier, Deliberation deliberation, DateTimeOffset openedAt)
        {
            var record = new DeliberationRecord
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                DossierId = dossier.Id,
                PanelMemberIds = DeliberationReplay.Ids(deliberation.Panel.Members.Select(m => m.Id)),
                RecusedMemberIds = DeliberationReplay.Ids(deliberation.Panel.Recused.Select(m => m.Id)),
                State = deliberation.State,
                Round = deliberation.Round,
                OpenedAt = openedAt,
                Outcome = deliberation.Decision?.Outcome.Outcome,
                DecidedAt = deliberation.Decision?.DecidedAt,
                DecidedValidations = deliberation.Decision is null ? null : DeliberationReplay.EncodeValidations(deliberation.CurrentProposal!.Validations),
                Comments = deliberation.Comments,
                SignedByMemberId = deliberation.Signature?.SignedBy,
                SignedByName = deliberation.Signature is null ? null : president.FullName,
                SignedAt = deliberation.Signature?.SignedAt,
                PostponementReason = deliberation.PostponementReason,
                PostponedAt = deliberation.State == DeliberationState.Postponed ? openedAt.AddMinutes(3) : null,
            };
            foreach (var fact in DeliberationReplay.NewFacts(deliberation, 0))
            {
                record.Version++;
                record.Events.Add(new DeliberationEvent
                {
                    DeliberationId = record.Id,
                    Version = record.Version,
                    Kind = fact.Kind,
                    ActorMemberId = fact.Kind is DeliberationEventKind.Postponed or DeliberationEventKind.DecisionTextWritten ? president.Id : fact.Actor,
                    Round = fact.Round,
                    Choice = fact.Choice,
                    Payload = fact.Payload,
                    At = fact.At,
                });
            }

            db.Deliberations.Add(record);
        }

        private static DateTimeOffset At(DateOnly date, int hour) => new(date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
    }
}
