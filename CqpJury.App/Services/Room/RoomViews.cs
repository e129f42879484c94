using CqpJury.App.Data.Entities;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Room;

/// <summary>
/// What one member sees of a session's room (no dossier content here). Equal, value by value, to the same room read
/// again (its lists are <see cref="ValueList{T}"/>s): the room's parts do not render it again (<see cref="Components.Pages.Room.RoomPart"/>).
/// </summary>
public sealed record RoomView(
    Guid SessionId,
    string Title,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    SessionStatus Status,
    ValueList<RoomMemberView> Members,
    ValueList<Finding> PresentCompositionFindings,
    Guid? PresidentId,
    PresidencyProposalView? PresidencyProposal,
    ValueList<AgendaItemView> Agenda,
    Guid? CurrentDossierId,
    Guid MyMemberId,
    ValueList<string> CloseBlockers)
{
    public bool IAmPresident => PresidentId == MyMemberId;

    public bool IsClosed => Status == SessionStatus.Closed;

    public string? PresidentName => Members.FirstOrDefault(m => m.Id == PresidentId)?.Name;

    public bool CanClose => IAmPresident && !IsClosed && CloseBlockers.Count == 0;
}

public sealed record RoomMemberView(Guid Id, string Name, Seat Seat, bool Present, DateTimeOffset? FirstJoinedAt)
{
    public string SeatText => Seat.ToFrench();
}

public sealed record PresidencyProposalView(
    Guid CandidateId,
    string CandidateName,
    string ProposedByName,
    ValueList<Guid> AcceptedBy,
    ValueList<Guid> AwaitedFrom);

public enum AgendaItemStatus
{
    /// <summary>À examiner</summary>
    Pending,

    /// <summary>En délibération (a proposal is or was under vote)</summary>
    Deliberating,

    /// <summary>Décidé, not yet signed</summary>
    Decided,

    /// <summary>Décision signée</summary>
    DecisionSigned,

    /// <summary>Ajourné</summary>
    Postponed,
}

public static class AgendaItemStatusText
{
    public static string ToFrench(this AgendaItemStatus status) => status switch
    {
        AgendaItemStatus.Pending => "À examiner",
        AgendaItemStatus.Deliberating => "En délibération",
        AgendaItemStatus.Decided => "Décidé – signature attendue",
        AgendaItemStatus.DecisionSigned => "Décision signée",
        AgendaItemStatus.Postponed => "Ajourné",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

/// <summary>An agenda line. <see cref="Label"/> names the candidate only for members who may see the dossier.</summary>
public sealed record AgendaItemView(Guid DossierId, int Position, string Reference, string Label, string CertificateTitle, AgendaItemStatus Status, bool IAmExcluded);

/// <summary>How the viewing member stands with one dossier (R10, R10.1, R10.2).</summary>
public enum Participation
{
    /// <summary>Must first say whether they have a link with the employer or training organisation.</summary>
    MustDeclare,

    /// <summary>Declared no link: sees the content; votes if in the panel.</summary>
    Participant,

    /// <summary>In conflict of interest (known or declared): sees only that the dossier exists.</summary>
    Recused,

    /// <summary>Stood aside to restore parity: sees only that the dossier exists.</summary>
    StoodAside,
}

/// <summary>What one member sees of one dossier. For an excluded member, only the header and their own status.</summary>
public sealed record DossierView(
    Guid DossierId,
    string Reference,
    string CertificateTitle,
    AgendaItemStatus Status,
    Participation Participation,
    ConflictPrompt? Prompt,
    string? ExclusionReason,
    DossierContent? Content,
    PanelView? Panel,
    DeliberationView? Deliberation)
{
    public bool IsExcluded => Participation is Participation.Recused or Participation.StoodAside;

    /// <summary>What a proposal is checked against (R3, R4), for a participant only (with <see cref="Content"/>).</summary>
    internal DeliberationSubject? Subject { get; init; }

    /// <summary>
    /// The outcome a proposal would give (R4), for the chair's editor: from the dossier as this view was read for the
    /// member — nothing is read again, nothing changes. Refused (French) to a member who does not see the content (R10.2),
    /// and for a proposal the domain refuses.
    /// </summary>
    public OutcomeResult PreviewOutcome(IReadOnlyDictionary<string, bool> validations)
    {
        if (Subject is null)
        {
            throw new AccessDeniedException("Vous ne participez pas à la délibération sur ce dossier.");
        }

        try
        {
            return Subject.Evaluate(validations);
        }
        catch (DeliberationException ex)
        {
            throw new UserFacingException(ex.Message);
        }
    }
}

/// <summary>R10: the question asked before the content is shown, naming the organisations concerned.</summary>
public sealed record ConflictPrompt(string? EmployerName, string? TrainingOrganisationName);

public sealed record DossierContent(
    string CandidateName,
    Route Route,
    string? EmployerName,
    string? TrainingOrganisationName,
    string? SectorProfessional,
    string? ExternalAssessor,
    DateOnly? EvaluationDate,
    IReadOnlyList<CompetenceView> Competences,
    IReadOnlyList<Finding> Discrepancies,
    string? CandidateObservations,
    IReadOnlyList<DocumentView> Documents)
{
    private static readonly CompetenceElement[] NoElements = [];

    /// <summary>
    /// Same content, value by value (the lists element by element): what decides whether a reload may
    /// keep the content already shown (<see cref="SharedDossierContents"/>). Every member of the record
    /// takes part.
    /// </summary>
    public bool SameAs(DossierContent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other)
            || (CandidateName == other.CandidateName
                && Route == other.Route
                && EmployerName == other.EmployerName
                && TrainingOrganisationName == other.TrainingOrganisationName
                && SectorProfessional == other.SectorProfessional
                && ExternalAssessor == other.ExternalAssessor
                && EvaluationDate == other.EvaluationDate
                && CandidateObservations == other.CandidateObservations
                && Competences.SequenceEqual(other.Competences, CompetenceComparer.Instance)
                && Discrepancies.SequenceEqual(other.Discrepancies)
                && Documents.SequenceEqual(other.Documents));
    }

    private sealed class CompetenceComparer : IEqualityComparer<CompetenceView>
    {
        public static readonly CompetenceComparer Instance = new();

        public bool Equals(CompetenceView? x, CompetenceView? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null
                && x with { Mastery = null, Elements = NoElements } == y with { Mastery = null, Elements = NoElements }
                && x.Elements.SequenceEqual(y.Elements)
                && (x.Mastery, y.Mastery) switch
                {
                    (null, null) => true,
                    ({ } a, { } b) => a.IsMastered == b.IsMastered && a.Reasons.SequenceEqual(b.Reasons),
                    _ => false,
                });

        public int GetHashCode(CompetenceView obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}

public enum CompetenceSituation
{
    /// <summary>To decide in this session.</summary>
    ToDecide,

    /// <summary>Held from an earlier partial validation (R4.1, R4.2).</summary>
    StillHeld,
}

public sealed record CompetenceView(
    string Code,
    int Position,
    string Title,
    CompetenceSituation Situation,
    DateOnly? HeldUntil,
    bool? EvaluatorsSayMastered,
    MasteryAssessment? Mastery,
    bool HasDiscrepancy,
    bool MayBeValidated,
    IReadOnlyList<CompetenceElement> Elements);

public sealed record DocumentView(Guid Id, DocumentKind Kind, string FileName);

/// <summary>The dossier's panel (R10, R10.1): who deliberates, whether it is valid, what restores parity (equal, value by value, to the same panel read again).</summary>
public sealed record PanelView(
    ValueList<RoomMemberView> Members,
    ValueList<RoomMemberView> Recused,
    ValueList<RoomMemberView> StoodAside,
    ValueList<RoomMemberView> AwaitingDeclaration,
    ValueList<Finding> Findings,
    ValueList<StandAsideOption> Proposals,
    bool MustPostpone,
    bool IsFrozen,
    Guid? ChairId)
{
    public bool IsValid => Findings.Count == 0;
}

public sealed record StandAsideOption(Guid MemberId, string Description);

public sealed record DeliberationView(
    DeliberationState State,
    int Round,
    IReadOnlyDictionary<string, bool>? Proposal,
    OutcomeResult? ProposalOutcome,
    IReadOnlyList<VoteLine> Tally,
    bool RoundDefeated,
    VoteChoice? MyVote,
    bool IAmInPanel,
    bool IAmChair,
    string? ChairName,
    OutcomeResult? DecisionOutcome,
    DateTimeOffset? DecidedAt,
    string? Comments,
    string? ObservationsAnswer,
    string? SignedByName,
    DateTimeOffset? SignedAt,
    string? PostponementReason,
    bool NeedsObservationsAnswer,
    DecisionRule DecisionRule)
{
    /// <summary>R11: the certificate's rule in force, in French: « unanimité des membres du collège délibérant ».</summary>
    public string DecisionRuleText => DecisionRule.ToFrench();

    /// <summary>R11: « Décision prise à l'unanimité : Délivrance du CQP » (or « à la majorité absolue »), once decided.</summary>
    public string? DecisionAnnouncement => DecisionOutcome is { } decided ? DecisionRule.DecisionTaken(decided.Outcome) : null;

    /// <summary>R11: why the current round can no longer reach a decision, under the rule in force.</summary>
    public string RoundDefeatedText => DecisionRule.RoundDefeated();

    /// <summary>The count of the current round, as the room shows it and announces it: « 1 approbation(s), 0 objection(s), 4 vote(s) attendu(s). »</summary>
    public string TallySummary =>
        $"{Tally.Count(t => t.Status == VoteStatus.Approved)} approbation(s), {Tally.Count(t => t.Status == VoteStatus.Objected)} objection(s), {Tally.Count(t => t.Status == VoteStatus.Pending)} vote(s) attendu(s).";
}

public enum VoteStatus
{
    Pending,
    Approved,
    Objected,
}

public sealed record VoteLine(Guid MemberId, string Name, Seat Seat, VoteStatus Status, string? Comment);
