using System.Diagnostics;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

public sealed partial class RoomService
{
    /// <summary>How many times a deliberation command is run on fresh state when others act at the same moment.</summary>
    public const int MaxCommandAttempts = 10;

    /// <summary>The short random pause before running a command again after a conflict (members racing on one round do not collide in lockstep).</summary>
    public static TimeSpan ConflictPause(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 * attempt));

    /// <summary>
    /// The chair puts a proposal to the vote (R3, R4, R11): per competence validated or not. The
    /// first proposal opens the deliberation and freezes the panel, which must then be valid (R10.1)
    /// and every present member must have answered the conflict question (R10). A later proposal is
    /// an amendment: a new round, votes cleared.
    /// </summary>
    public Task ProposeAsync(Guid sessionId, Guid dossierId, IReadOnlyDictionary<string, bool> validations, CancellationToken cancellationToken = default) =>
        MutateAsync(sessionId, dossierId, "Soumettre une proposition au vote", requireChair: true, async ctx =>
        {
            if (ctx.Deliberation is null)
            {
                if (ctx.Record is not null)
                {
                    throw new UserFacingException("Ce dossier est ajourné : il ne peut plus être délibéré dans cette séance.");
                }

                var awaiting = ctx.State.Members.Where(m => ctx.State.Present.Contains(m.Id) && !ctx.State.HasDeclared(m.Id, ctx.Dossier) && !ctx.State.HasStoodAside(m.Id, ctx.Dossier.Id)).ToList();
                if (awaiting.Count > 0)
                {
                    throw new UserFacingException("Chaque membre présent doit d'abord déclarer ses liens d'intérêts pour ce dossier. En attente : " +
                        string.Join(", ", awaiting.Select(m => m.FullName)) + ".");
                }

                if (!ctx.Panel.IsValid)
                {
                    throw new UserFacingException("Le collège délibérant n'est pas paritaire : " + string.Join(" ", ParityRestoration.Assess(ctx.Panel).Findings.Select(f => f.Message)));
                }

                ctx.Open(clock.GetUtcNow());
            }

            ctx.Deliberation!.Propose(ctx.MemberId, validations, clock.GetUtcNow());
            await Task.CompletedTask;
            return ctx.Deliberation.Round == 1 ? "Ouverture de la délibération et proposition soumise au vote" : $"Proposition modifiée (tour {ctx.Deliberation.Round})";
        });

    /// <summary>
    /// A panel member approves or objects (R11). A repeated or double-clicked identical vote
    /// counts once and succeeds; a different second vote in the same round is refused.
    /// </summary>
    public Task VoteAsync(Guid sessionId, Guid dossierId, VoteChoice choice, string? comment = null, CancellationToken cancellationToken = default) =>
        MutateAsync(sessionId, dossierId, "Voter", requireChair: false, async ctx =>
        {
            if (ctx.Deliberation is null)
            {
                throw new UserFacingException(ctx.Record is null ? "Aucune proposition n'est soumise au vote." : "Ce dossier est ajourné.");
            }

            var previous = ctx.Deliberation.Votes.FirstOrDefault(v => v.MemberId == ctx.MemberId);
            if (previous is not null && previous.Choice == choice)
            {
                return null; // the same vote again (double click, retry), even if it just decided: already counted
            }

            if (comment is { Length: > Vote.MaxCommentLength })
            {
                throw new InputValidationException("comment", $"Le commentaire ne peut pas dépasser {Vote.MaxCommentLength} caractères.");
            }

            // R12: the room does not ask the objecting member for a reason yet; until it does, an objection without one is recorded as such.
            var reason = choice == VoteChoice.Object && string.IsNullOrWhiteSpace(comment) ? DeliberationReplay.ObjectionReasonNotGiven : comment;
            ctx.Deliberation.Cast(ctx.MemberId, choice, clock.GetUtcNow(), reason);
            await Task.CompletedTask;
            var what = choice == VoteChoice.Approve ? "Vote : approbation" : "Vote : objection";
            return ctx.Deliberation.State == DeliberationState.Decided ? what + " – décision prise à l'unanimité" : what;
        });

    /// <summary>The chair postpones the dossier (ajourné): no decision in this session (R10.1, R11).</summary>
    public Task PostponeAsync(Guid sessionId, Guid dossierId, string reason, CancellationToken cancellationToken = default) =>
        MutateAsync(sessionId, dossierId, "Ajourner le dossier", requireChair: true, async ctx =>
        {
            var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (text is null)
            {
                throw new InputValidationException("reason", "Indiquez le motif de l'ajournement.");
            }

            if (text.Length > 2000)
            {
                throw new InputValidationException("reason", "Le motif ne peut pas dépasser 2000 caractères.");
            }

            if (ctx.Deliberation is not null)
            {
                ctx.Deliberation.Postpone(ctx.MemberId, text, clock.GetUtcNow());
            }
            else if (ctx.Record is not null)
            {
                throw new UserFacingException("Ce dossier est déjà ajourné.");
            }
            else
            {
                ctx.PostponeWithoutDeliberation(text, clock.GetUtcNow());
            }

            await Task.CompletedTask;
            return "Dossier ajourné : " + text;
        });

    /// <summary>R13, R14: the chair writes the comments and the jury's answer to the candidate's observations.</summary>
    public Task WriteDecisionTextAsync(Guid sessionId, Guid dossierId, string? comments, string? observationsAnswer, CancellationToken cancellationToken = default) =>
        MutateAsync(sessionId, dossierId, "Rédiger la décision", requireChair: true, async ctx =>
        {
            if (comments is { Length: > 4000 } || observationsAnswer is { Length: > 4000 })
            {
                throw new InputValidationException("comments", "Les commentaires et la réponse sont limités à 4000 caractères chacun.");
            }

            RequireDeliberation(ctx).WriteDecisionText(ctx.MemberId, comments, observationsAnswer, clock.GetUtcNow());
            await Task.CompletedTask;
            return "Commentaires et réponse aux observations enregistrés";
        });

    /// <summary>R14: the chair signs the decision after re-entering their password. A signed decision never changes.</summary>
    public Task SignAsync(Guid sessionId, Guid dossierId, string password, CancellationToken cancellationToken = default) =>
        MutateAsync(sessionId, dossierId, "Signer la décision", requireChair: true, async ctx =>
        {
            // Identity's UserManager works on a scoped context: resolved per signature, not kept by the circuit for hours.
            await using var scope = scopeFactory.CreateAsyncScope();
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await userManager.FindByIdAsync(ctx.Actor.UserId);
            if (user is null || string.IsNullOrEmpty(password) || !await userManager.CheckPasswordAsync(user, password))
            {
                throw new InputValidationException("password", "Mot de passe incorrect : la décision n'a pas été signée.");
            }

            RequireDeliberation(ctx).Sign(ctx.MemberId, clock.GetUtcNow());
            return "Décision signée";
        });

    /// <summary>The president closes the session once every agenda dossier is signed or postponed; it is then read-only.</summary>
    public async Task CloseSessionAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        const string action = "Clôturer la session";
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), cancellationToken);
        await EnsureOpenAsync(state, actor, action);
        await EnsurePresidentAsync(state, actor, memberId, action);
        var blockers = CloseBlockers(state);
        if (blockers.Count > 0)
        {
            throw new UserFacingException("La session ne peut pas encore être clôturée : " + string.Join(" ", blockers));
        }

        var session = await db.Sessions.FirstAsync(s => s.Id == sessionId, cancellationToken);
        session.Status = SessionStatus.Closed;
        session.ClosedAt = clock.GetUtcNow();
        session.ClosedBy = state.NameOf(memberId);
        audit.Add(db, actor, "Clôture de la session", sessionId);
        await SaveSessionAsync(db, session, cancellationToken);
        await PublishAsync(sessionId, RoomEventKind.SessionChanged);
    }

    private long? _committedAt;

    /// <summary>
    /// After a deliberation command: when it was committed (<see cref="Stopwatch.GetTimestamp"/>), once —
    /// the page's reload right after it may share a reading of the room started since
    /// (<see cref="GetRoomAndDossierAsync"/>); null after any other action, or when already taken.
    /// </summary>
    public long? TakeCommittedAt()
    {
        var committedAt = _committedAt;
        _committedAt = null;
        return committedAt;
    }

    private static Deliberation RequireDeliberation(MutationContext ctx) =>
        ctx.Deliberation ?? throw new UserFacingException("Aucune décision n'a encore été prise sur ce dossier.");

    /// <summary>
    /// Runs one deliberation command: load and replay, apply through the domain, store the new
    /// facts with the next versions and the summary, audit, commit; retried on a concurrent
    /// change; published only after the commit.
    /// </summary>
    private async Task MutateAsync(Guid sessionId, Guid dossierId, string action, bool requireChair, Func<MutationContext, Task<string?>> command)
    {
        var (actor, memberId) = await RequireConvenedAsync(sessionId, action, CancellationToken.None);
        bool changed;
        using (await deliberationLocks.EnterAsync(sessionId, dossierId))
        {
            changed = await CommitAsync(sessionId, dossierId, action, requireChair, command, actor, memberId);
            _committedAt = Stopwatch.GetTimestamp();
        }

        // Told to the others only after the commit, and outside the deliberation's turn: the pages'
        // reloads do not hold up the next member's vote.
        if (changed)
        {
            await PublishAsync(sessionId, RoomEventKind.DeliberationChanged, dossierId, memberId, origin: CircuitKey);
        }
    }

    /// <summary>The load–apply–commit loop of <see cref="MutateAsync"/>; false when the command changed nothing.</summary>
    private async Task<bool> CommitAsync(
        Guid sessionId, Guid dossierId, string action, bool requireChair, Func<MutationContext, Task<string?>> command, Actor actor, Guid memberId)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var state = await RoomState.LoadAsync(db, sessionId, presence.PresentMembers(sessionId), CancellationToken.None);
            await EnsureOpenAsync(state, actor, action);
            var dossier = state.Agenda.FirstOrDefault(a => a.DossierId == dossierId)?.Dossier
                ?? throw new UserFacingException("Ce dossier n'est pas inscrit à l'ordre du jour de la session.");
            if (state.IsExcluded(memberId, dossier))
            {
                await RefuseAsync(actor, action, sessionId, dossierId,
                    "Vous ne participez pas à la délibération sur ce dossier (conflit d'intérêts ou retrait, R10.2) : cette action vous est refusée.");
            }

            if (!state.HasDeclared(memberId, dossier))
            {
                throw new UserFacingException("Déclarez d'abord vos liens d'intérêts pour ce dossier.");
            }

            var panel = state.PanelFor(dossier);
            if (requireChair)
            {
                await EnsureMayChairAsync(state, actor, memberId, dossier, panel, action);
            }

            var full = await LoadDossierContentAsync(db, dossierId, CancellationToken.None);
            var record = await db.Deliberations.Include(d => d.Events).FirstOrDefaultAsync(d => d.SessionId == sessionId && d.DossierId == dossierId);
            var certificate = catalog.Get(full.CertificateCode);
            var subject = DeliberationReplay.Subject(full, certificate, state.Session.Date);
            var deliberation = record is null ? null : DeliberationReplay.Rebuild(record.Events, subject, PanelMembers(state, record), state.Session.PresidentMemberId);
            var ctx = new MutationContext(db, state, dossier, full, panel, subject, record, deliberation, actor, memberId);
            var before = deliberation?.Events.Count ?? 0;

            string? auditText;
            try
            {
                auditText = await command(ctx);
            }
            catch (DeliberationException ex) when (ex.Error == DeliberationError.NotInPanel)
            {
                await RefuseAsync(actor, action, sessionId, dossierId, ex.Message);
                throw;
            }
            catch (DeliberationException ex)
            {
                throw new UserFacingException(ex.Message);
            }

            if (auditText is null)
            {
                return false; // nothing new (an identical vote repeated)
            }

            ctx.Persist(before);
            audit.Add(db, actor, auditText, sessionId, dossierId);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException) when (attempt < MaxCommandAttempts)
            {
                // Someone acted at the same moment (on another instance: this one queues its own
                // commands per deliberation): start again on fresh state, after a short random pause
                // so that members racing on the same round do not collide again in lockstep.
                await Task.Delay(ConflictPause(attempt));
                continue;
            }

            return true;
        }
    }

    private static List<JuryMember> PanelMembers(RoomState state, DeliberationRecord record) =>
        record.Panel.Select(id => state.Members.First(m => m.Id == id).ToDomain()).ToList();

    /// <summary>One command's working set, and how its result is stored.</summary>
    private sealed class MutationContext(
        CqpJuryDbContext db,
        RoomState state,
        DossierEntity dossier,
        DossierEntity full,
        Panel panel,
        DeliberationSubject subject,
        DeliberationRecord? record,
        Deliberation? deliberation,
        Actor actor,
        Guid memberId)
    {
        public RoomState State { get; } = state;

        public DossierEntity Dossier { get; } = dossier;

        public DossierEntity Full { get; } = full;

        public Panel Panel { get; } = panel;

        public DeliberationRecord? Record { get; private set; } = record;

        public Deliberation? Deliberation { get; private set; } = deliberation;

        public Actor Actor { get; } = actor;

        public Guid MemberId { get; } = memberId;

        private bool _isNew;

        /// <summary>Opens the deliberation with the current (valid) panel, frozen from now on.</summary>
        public void Open(DateTimeOffset at)
        {
            Deliberation = Domain.Deliberations.Deliberation.Open(subject, Panel, State.Session.PresidentMemberId);
            Record = NewRecord(at, DeliberationState.Open);
            BumpSessionStamp();
        }

        /// <summary>Opening freezes the panel: serialize it with declarations and stand-asides (session stamp).</summary>
        private void BumpSessionStamp()
        {
            var session = db.Sessions.Local.FirstOrDefault(s => s.Id == State.Session.Id) ?? db.Sessions.Attach(CloneSession()).Entity;
            db.Entry(session).Property(s => s.ConcurrencyStamp).OriginalValue = State.Session.ConcurrencyStamp;
            session.ConcurrencyStamp = Guid.NewGuid();
        }

        private JurySession CloneSession() => new()
        {
            Id = State.Session.Id,
            Title = State.Session.Title,
            ConcurrencyStamp = State.Session.ConcurrencyStamp,
        };

        public void PostponeWithoutDeliberation(string reason, DateTimeOffset at)
        {
            Record = NewRecord(at, DeliberationState.Postponed);
            BumpSessionStamp();
            Record.PostponementReason = reason;
            Record.PostponedAt = at;
            Record.Version = 1;
            Record.Events.Add(new DeliberationEvent { DeliberationId = Record.Id, Version = 1, Kind = DeliberationEventKind.Postponed, ActorMemberId = MemberId, Payload = reason, At = at });
        }

        private DeliberationRecord NewRecord(DateTimeOffset at, DeliberationState stateValue)
        {
            _isNew = true;
            var created = new DeliberationRecord
            {
                Id = Guid.NewGuid(),
                SessionId = State.Session.Id,
                DossierId = Dossier.Id,
                PanelMemberIds = DeliberationReplay.Ids(Panel.Members.Select(m => m.Id)),
                RecusedMemberIds = DeliberationReplay.Ids(State.Members.Where(m => State.IsInConflict(m.Id, Dossier)).Select(m => m.Id)),
                State = stateValue,
                OpenedAt = at,
            };
            db.Deliberations.Add(created);
            return created;
        }

        /// <summary>Appends the new facts with the next versions and refreshes the summary (the version is the concurrency token).</summary>
        public void Persist(int eventsBefore)
        {
            if (Record is null)
            {
                return;
            }

            if (!_isNew)
            {
                db.Entry(Record).Property(r => r.Version).OriginalValue = Record.Version;
            }

            if (Deliberation is null)
            {
                return;
            }

            foreach (var fact in DeliberationReplay.NewFacts(Deliberation, _isNew ? 0 : eventsBefore))
            {
                Record.Version++;
                db.DeliberationEvents.Add(new DeliberationEvent
                {
                    DeliberationId = Record.Id,
                    Version = Record.Version,
                    Kind = fact.Kind,
                    ActorMemberId = fact.Actor,
                    Round = fact.Round,
                    Choice = fact.Choice,
                    Payload = fact.Payload,
                    At = fact.At,
                });
            }

            Record.State = Deliberation.State;
            Record.Round = Deliberation.Round;
            if (Deliberation.Decision is { } decision)
            {
                Record.Outcome = decision.Outcome.Outcome;
                Record.DecidedAt = decision.DecidedAt;
                Record.DecidedValidations = DeliberationReplay.EncodeValidations(Deliberation.CurrentProposal!.Validations);
            }

            Record.Comments = Deliberation.Comments;
            Record.ObservationsAnswer = Deliberation.ObservationsAnswer;
            if (Deliberation.Signature is { } signature)
            {
                Record.SignedByMemberId = signature.SignedBy;
                Record.SignedByName = State.NameOf(signature.SignedBy);
                Record.SignedAt = signature.SignedAt;
            }

            if (Deliberation.State == DeliberationState.Postponed)
            {
                Record.PostponementReason = Deliberation.PostponementReason;
                Record.PostponedAt ??= Deliberation.Events.OfType<Domain.Deliberations.Events.DeliberationPostponed>().LastOrDefault()?.OccurredAt;
            }
        }
    }
}
