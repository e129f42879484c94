using System.Collections.Concurrent;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

/// <summary>
/// Everything about one session's room read in one go (no dossier content): members, presence,
/// presidency, agenda, declarations, stand-asides and deliberation summaries.
/// </summary>
internal sealed class RoomState
{
    private RoomState(JurySession session, IReadOnlySet<Guid> present)
    {
        Session = session;
        Present = present;
        Designation = new PresidentDesignation(session.PresidentMemberId);
    }

    public JurySession Session { get; }

    /// <summary>Convened members present now (connected to the room).</summary>
    public IReadOnlySet<Guid> Present { get; }

    public List<JuryMemberEntity> Members { get; private set; } = [];

    public List<AgendaItem> Agenda { get; private set; } = [];

    public List<ConflictDeclaration> Declarations { get; private set; } = [];

    public List<StandAside> StandAsides { get; private set; } = [];

    public List<DeliberationRecord> Deliberations { get; private set; } = [];

    public List<SessionAttendance> Attendances { get; private set; } = [];

    /// <summary>R9: the session's designation — done (the president), pending (the latest proposal and its acceptances) or not begun.</summary>
    public PresidentDesignation Designation { get; private set; }

    public static async Task<RoomState> LoadAsync(CqpJuryDbContext db, Guid sessionId, IReadOnlySet<Guid> presentNow, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new UserFacingException("Cette session de jury n'existe pas.");
        var members = await db.JuryMembers.AsNoTracking().Include(m => m.Links)
            .Where(m => db.SessionMembers.Any(sm => sm.SessionId == sessionId && sm.JuryMemberId == m.Id)).ToListAsync(cancellationToken);

        var state = new RoomState(session, ActiveAmong(presentNow, members))
        {
            Members = members,
            Agenda = await db.AgendaItems.AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.Position)
                .Include(a => a.Dossier!).ThenInclude(d => d.Candidate)
                .Include(a => a.Dossier!).ThenInclude(d => d.Employer)
                .Include(a => a.Dossier!).ThenInclude(d => d.TrainingOrganisation)
                .ToListAsync(cancellationToken),
            Declarations = await db.ConflictDeclarations.AsNoTracking().Where(c => c.SessionId == sessionId).ToListAsync(cancellationToken),
            StandAsides = await db.StandAsides.AsNoTracking().Where(s => s.SessionId == sessionId).ToListAsync(cancellationToken),
            Deliberations = await DeliberationsOf(db, sessionId).ToListAsync(cancellationToken),
            Attendances = await db.Attendances.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync(cancellationToken),
        };

        // R9: replay the presidency facts (the latest proposal and its acceptances).
        if (session.PresidentMemberId is null)
        {
            var events = await db.PresidencyEvents.AsNoTracking().Where(p => p.SessionId == sessionId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            var lastProposal = events.LastOrDefault(e => e.Kind == PresidencyEventKind.Proposed);
            if (lastProposal is not null)
            {
                state.Designation = PresidentDesignation.Pending(lastProposal.ActorMemberId, lastProposal.CandidateMemberId,
                    events.Where(e => e.Id > lastProposal.Id && e.Kind == PresidencyEventKind.Accepted).Select(e => e.ActorMemberId));
            }
        }

        return state;
    }

    /// <summary>
    /// This state with the session's deliberation rows read again, everything else kept: what a deliberation
    /// command changes (it writes deliberations and their facts only), for the pages reloading after one
    /// (<see cref="RoomReads"/>). Readers never change a state, so the other lists are shared.
    /// </summary>
    public async Task<RoomState> WithFreshDeliberationsAsync(CqpJuryDbContext db, CancellationToken cancellationToken) =>
        Keeping(Session, Present, await DeliberationsOf(db, Session.Id).ToListAsync(cancellationToken));

    /// <summary>
    /// This state with <paramref name="session"/> (its row read again), who is present now and the session's
    /// deliberation rows read again, everything else kept: for a deliberation command when nothing else changed
    /// since this state was read (<see cref="RoomCommandStates"/>: the session's concurrency stamp is the same).
    /// </summary>
    public async Task<RoomState> WithFreshSessionAsync(CqpJuryDbContext db, JurySession session, IReadOnlySet<Guid> presentNow, CancellationToken cancellationToken) =>
        Keeping(session, ActiveAmong(presentNow, Members), await DeliberationsOf(db, session.Id).ToListAsync(cancellationToken));

    private RoomState Keeping(JurySession session, IReadOnlySet<Guid> present, List<DeliberationRecord> deliberations) =>
        new(session, present)
        {
            Members = Members,
            Agenda = Agenda,
            Declarations = Declarations,
            StandAsides = StandAsides,
            Deliberations = deliberations,
            Attendances = Attendances,
            Designation = Designation,
            _bases = _bases,
        };

    /// <summary>What a deliberation on each dossier rests on, read once for this state and the states that keep its agenda (<see cref="Keeping"/>).</summary>
    private ConcurrentDictionary<Guid, Lazy<Task<DeliberationBasis>>> _bases = new();

    /// <summary>
    /// What a deliberation on the dossier rests on: its subject — what a proposal is checked against (R3, R4.2), from
    /// the dossier's content — and its hearings (R12), read once for this state and those that keep its agenda. Both
    /// stay as read while the session is open: a dossier on an open session's agenda is read-only and sits on no other
    /// session's agenda until this one closes (<see cref="AgendaEligibility"/>), and the session's date does not change
    /// once open. A failed read is not kept.
    /// </summary>
    public async Task<DeliberationBasis> DeliberationBasisAsync(CqpJuryDbContext db, Guid dossierId, ReferentialCatalog catalog)
    {
        var lazy = _bases.GetOrAdd(dossierId, id => new Lazy<Task<DeliberationBasis>>(async () =>
        {
            // Shared by the commands that keep this state: one caller's cancellation is not the others'.
            var hearings = await DossierHearings.OfAsync(db, id, CancellationToken.None);
            var full = await LoadDossierContentAsync(db, id, CancellationToken.None);
            return new DeliberationBasis(
                DeliberationReplay.Subject(full, catalog.Get(full.CertificateCode), Session.Date),
                [.. hearings.Select(h => h.ToHearing())]);
        }));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _bases.TryRemove(new KeyValuePair<Guid, Lazy<Task<DeliberationBasis>>>(dossierId, lazy));
            throw;
        }
    }

    /// <summary>A deactivated member is never counted present, even while their page is still open.</summary>
    private static HashSet<Guid> ActiveAmong(IReadOnlySet<Guid> presentNow, List<JuryMemberEntity> members) =>
        presentNow.Where(id => members.Any(m => m.Id == id && m.IsActive)).ToHashSet();

    private static IQueryable<DeliberationRecord> DeliberationsOf(CqpJuryDbContext db, Guid sessionId) =>
        db.Deliberations.AsNoTracking().Where(d => d.SessionId == sessionId);

    public JuryMemberEntity Member(Guid id) => Members.First(m => m.Id == id);

    public string NameOf(Guid memberId) => Members.FirstOrDefault(m => m.Id == memberId)?.FullName ?? "membre inconnu";

    public RoomMemberView MemberView(Guid id)
    {
        var member = Member(id);
        return new RoomMemberView(id, member.FullName, member.Seat, Present.Contains(id),
            Attendances.FirstOrDefault(a => a.JuryMemberId == id)?.FirstJoinedAt);
    }

    public DeliberationRecord? DeliberationOf(Guid dossierId) => Deliberations.FirstOrDefault(d => d.DossierId == dossierId);

    public ConflictDeclaration? DeclarationOf(Guid memberId, Guid dossierId) =>
        Declarations.FirstOrDefault(d => d.JuryMemberId == memberId && d.DossierId == dossierId);

    /// <summary>R10: known conflict (pre-filled) or declared conflict.</summary>
    public bool IsInConflict(Guid memberId, DossierEntity dossier) =>
        KnownConflicts.Exists(Member(memberId), dossier) || DeclarationOf(memberId, dossier.Id)?.HasConflict == true;

    public bool HasStoodAside(Guid memberId, Guid dossierId) => StandAsideOf(memberId, dossierId) is not null;

    /// <summary>R10.1: the member's stand-aside for the dossier (who applied it), if any.</summary>
    public StandAside? StandAsideOf(Guid memberId, Guid dossierId) =>
        StandAsides.FirstOrDefault(s => s.JuryMemberId == memberId && s.DossierId == dossierId);

    /// <summary>R10.2: excluded from the dossier's content, discussion and votes.</summary>
    public bool IsExcluded(Guid memberId, DossierEntity dossier) =>
        IsInConflict(memberId, dossier) || HasStoodAside(memberId, dossier.Id);

    /// <summary>Has the member answered the conflict question (or is the answer known)?</summary>
    public bool HasDeclared(Guid memberId, DossierEntity dossier) =>
        KnownConflicts.Exists(Member(memberId), dossier) || DeclarationOf(memberId, dossier.Id) is not null;

    public AgendaItemStatus StatusOf(Guid dossierId)
    {
        var record = DeliberationOf(dossierId);
        return record switch
        {
            null => AgendaItemStatus.Pending,
            { State: DeliberationState.Postponed } => AgendaItemStatus.Postponed,
            { State: DeliberationState.Decided, SignedAt: not null } => AgendaItemStatus.DecisionSigned,
            { State: DeliberationState.Decided } => AgendaItemStatus.Decided,
            _ => AgendaItemStatus.Deliberating,
        };
    }

    /// <summary>
    /// R10: the dossier's panel. Frozen once the deliberation opened; before that, the members
    /// present now minus those in conflict and those who stood aside.
    /// </summary>
    public Panel PanelFor(DossierEntity dossier)
    {
        var record = DeliberationOf(dossier.Id);
        var presentOrPanel = record is null
            ? Members.Where(m => Present.Contains(m.Id))
            : Members.Where(m => record.Panel.Contains(m.Id) || Present.Contains(m.Id));
        var conflicted = Members.Where(m => IsInConflict(m.Id, dossier)).Select(m => m.Id);
        var asides = StandAsides.Where(s => s.DossierId == dossier.Id).Select(s => s.JuryMemberId);
        var panel = Panel.For(presentOrPanel.Select(m => m.ToDomain()), conflicted, asides);
        if (record is null)
        {
            return panel;
        }

        var frozen = record.Panel.ToHashSet();
        return panel with { Members = Members.Where(m => frozen.Contains(m.Id)).Select(m => m.ToDomain()).ToList() };
    }

    /// <summary>The dossier of this session's agenda (else the French refusal).</summary>
    public DossierEntity AgendaDossier(Guid dossierId) =>
        Agenda.FirstOrDefault(a => a.DossierId == dossierId)?.Dossier
        ?? throw new UserFacingException("Ce dossier n'est pas inscrit à l'ordre du jour de la session.");

    /// <summary>R10: the members present who have not yet answered the conflict question for the dossier (nor stood aside).</summary>
    public IEnumerable<JuryMemberEntity> AwaitingDeclaration(DossierEntity dossier) =>
        Members.Where(m => Present.Contains(m.Id) && !HasDeclared(m.Id, dossier) && !HasStoodAside(m.Id, dossier.Id));

    /// <summary>The frozen panel of a deliberation, as domain members.</summary>
    public List<JuryMember> PanelMembersOf(DeliberationRecord record) =>
        record.Panel.Select(id => Member(id).ToDomain()).ToList();

    /// <summary>
    /// Who may chair this dossier: the dossier chair (DossierChair: the president, or the panel's
    /// expert when the president is excluded); when the panel cannot deliberate, the president if
    /// not excluded; failing both, any participant (so that a dossier can always be postponed).
    /// </summary>
    public Guid? ChairOf(DossierEntity dossier, Panel panel)
    {
        if (DossierChair.For(panel, Session.PresidentMemberId) is { } chair)
        {
            return chair.Id;
        }

        return Session.PresidentMemberId is { } president && !IsExcluded(president, dossier) ? president : null;
    }

    /// <summary>What still prevents the president from closing the session (French, one line each; none once closed).</summary>
    public List<string> CloseBlockers()
    {
        var blockers = new List<string>();
        if (Session.Status == SessionStatus.Closed)
        {
            return blockers;
        }

        if (Session.PresidentMemberId is null)
        {
            blockers.Add("Aucun président n'a été désigné.");
        }

        foreach (var item in Agenda)
        {
            var status = StatusOf(item.DossierId);
            if (status is not (AgendaItemStatus.DecisionSigned or AgendaItemStatus.Postponed))
            {
                blockers.Add($"Dossier {item.Dossier!.Reference} : {status.ToFrench().ToLower(FrenchFormat.Culture)}.");
            }
        }

        return blockers;
    }

    /// <summary>A dossier with everything a participant sees of it (read-only).</summary>
    public static Task<DossierEntity> LoadDossierContentAsync(CqpJuryDbContext db, Guid dossierId, CancellationToken cancellationToken) =>
        db.Dossiers.AsNoTracking().WithContent().FirstAsync(d => d.Id == dossierId, cancellationToken);
}

/// <summary>What a deliberation on a dossier rests on (<see cref="RoomState.DeliberationBasisAsync"/>): its subject and its hearings (R12).</summary>
internal sealed record DeliberationBasis(DeliberationSubject Subject, IReadOnlyList<Hearing> Hearings);
