using CqpJury.Domain.Deliberations.Events;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;

namespace CqpJury.Domain.Deliberations;

/// <summary>
/// The deliberation on one dossier (R11), with explicit states: Open → Voting → Decided | Postponed.
/// The dossier's chair (R11 interpretation: the president, or the expert métier when the president
/// is excluded — <see cref="DossierChair"/>) puts a proposal (per competence validated or not,
/// limited by R3), amends it, postpones; each panel member approves or objects once per round, an
/// objection with its reason (R12); changing the proposal starts a new round and clears the votes.
/// A round ends when every panel member has voted; the decision exists only when the ended round
/// meets the certificate's decision rule (R11). After the decision the chair writes the comments and
/// the answer to the candidate's observations (R13), then signs; a signed decision never changes
/// (R12, R14). Every refused action throws a <see cref="DeliberationException"/> naming the broken
/// rule (<see cref="IDeliberationRule"/>), with a typed error and a French message.
/// Every change raises an event carrying its actor and data (<see cref="Events"/>); the app stores
/// those as facts and rebuilds the aggregate by replaying them through these same methods.
/// </summary>
public sealed class Deliberation
{
    private readonly List<Vote> _votes = [];
    private readonly List<DeliberationEvent> _events = [];

    private Deliberation(DeliberationSubject subject, Panel panel, JuryMember chair)
    {
        Subject = subject;
        Panel = panel;
        Chair = chair;
    }

    public DeliberationSubject Subject { get; }

    public Panel Panel { get; }

    /// <summary>R11: who leads this deliberation (proposes, amends, postpones, writes and signs).</summary>
    public JuryMember Chair { get; }

    public DeliberationState State { get; private set; } = DeliberationState.Open;

    public int Round { get; private set; }

    public Proposal? CurrentProposal { get; private set; }

    /// <summary>The votes of the current round.</summary>
    public IReadOnlyList<Vote> Votes => _votes;

    public Decision? Decision { get; private set; }

    public string? Comments { get; private set; }

    /// <summary>R13: the jury's answer to the candidate's observations, part of the decision.</summary>
    public string? ObservationsAnswer { get; private set; }

    public Signature? Signature { get; private set; }

    public string? PostponementReason { get; private set; }

    public IReadOnlyList<DeliberationEvent> Events => _events;

    public bool IsSigned => Signature is not null;

    /// <summary>
    /// Opens the deliberation on a dossier for a panel (R10.1: the panel must satisfy R8), chaired by
    /// <see cref="DossierChair.For"/> the panel and the session's president (R9, R11).
    /// </summary>
    public static Deliberation Open(DeliberationSubject subject, Panel panel, Guid? presidentId)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(panel);
        Check(new PanelMustBeParitaryRule(panel));
        var chair = DossierChair.For(panel, presidentId);
        Check(new DeliberationNeedsAChairRule(chair));
        return new Deliberation(subject, panel, chair!);
    }

    /// <summary>Throws <see cref="DeliberationException"/> when <paramref name="rule"/> is broken.</summary>
    public static void Check(IDeliberationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.IsBroken())
        {
            throw new DeliberationException(rule);
        }
    }

    /// <summary>The outcome a set of validations would give (R4), without changing anything.</summary>
    public OutcomeResult Preview(IReadOnlyDictionary<string, bool> validations) => Subject.Evaluate(validations);

    /// <summary>
    /// The chair puts a proposal to the vote (first round) or amends it (new round: the votes are cleared, R11).
    /// </summary>
    public Proposal Propose(Guid proposedBy, IReadOnlyDictionary<string, bool> validations, DateTimeOffset at)
    {
        Check(new DeliberationMustBeUndecidedRule(State));
        EnsureLedByChair(proposedBy, "Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne pouvez pas soumettre de proposition.");
        var outcome = Preview(validations);
        Round++;
        _votes.Clear();
        var copy = new Dictionary<string, bool>(validations, StringComparer.Ordinal);
        CurrentProposal = new Proposal(Round, copy, outcome, proposedBy, at);
        State = DeliberationState.Voting;
        _events.Add(new ProposalPut(Subject.DossierId, at, Round, proposedBy, copy));
        return CurrentProposal;
    }

    /// <summary>
    /// A panel member's vote on the current proposal (R10.2: only panel members; R11: once per
    /// round; R12: an objection gives its reason in <paramref name="comment"/>). The round ends when
    /// every panel member has voted; returns true when this vote ended it and met the decision rule,
    /// so that the decision was recorded.
    /// </summary>
    public bool Cast(Guid memberId, VoteChoice choice, DateTimeOffset at, string? comment = null)
    {
        Check(new DeliberationMustBeUndecidedRule(State));
        Check(new OnlyPanelMembersTakePartRule(Panel, memberId,
            "Vous ne faites pas partie du collège délibérant pour ce dossier : votre vote ne peut pas être pris en compte."));
        Check(new ProposalMustBeUnderVoteRule(State));
        Check(new MemberVotesOncePerRoundRule(_votes, memberId));
        Check(new ObjectionMustGiveReasonRule(choice, comment));
        Check(new VoteCommentMustBeShortRule(comment));

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        _votes.Add(new Vote(memberId, choice, Round, at, text));
        _events.Add(new VoteCast(Subject.DossierId, at, Round, memberId, choice, text));

        var approvers = _votes.Where(v => v.Choice == VoteChoice.Approve).Select(v => v.MemberId).ToList();
        if (_votes.Count < Panel.Members.Count
            || !DecisionRuleEvaluator.IsMet(Subject.Certificate.DecisionRule, Panel.Members.Count, approvers.Count))
        {
            return false;
        }

        Decision = new Decision(Round, CurrentProposal!.Outcome, Subject.JuryDate, at, approvers);
        State = DeliberationState.Decided;
        _events.Add(new DecisionReached(Subject.DossierId, at, Round, Decision.Outcome.Outcome, approvers));
        return true;
    }

    /// <summary>The current round's tally: who approved, who objected, who has not voted yet.</summary>
    public Tally Tally
    {
        get
        {
            if (CurrentProposal is null)
            {
                return Tally.Empty;
            }

            var voted = _votes.Select(v => v.MemberId).ToHashSet();
            return new Tally(
                _votes.Where(v => v.Choice == VoteChoice.Approve).Select(v => v.MemberId).ToList(),
                _votes.Where(v => v.Choice == VoteChoice.Object).Select(v => v.MemberId).ToList(),
                Panel.Members.Where(m => !voted.Contains(m.Id)).Select(m => m.Id).ToList());
        }
    }

    /// <summary>
    /// Can the current round no longer reach a decision (an objection under unanimity; under absolute
    /// majority, too many objections)? The chair may then amend the proposal or postpone.
    /// </summary>
    public bool IsRoundDefeated =>
        State == DeliberationState.Voting &&
        DecisionRuleEvaluator.IsDefeated(Subject.Certificate.DecisionRule, Panel.Members.Count, Tally.Objected.Count);

    /// <summary>R10.1, R11: the chair postpones the dossier (ajourné) without a decision.</summary>
    public void Postpone(Guid postponedBy, string reason, DateTimeOffset at)
    {
        Check(new DeliberationMustBeUndecidedRule(State));
        EnsureLedByChair(postponedBy, "Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne pouvez pas l'ajourner.");
        PostponementReason = string.IsNullOrWhiteSpace(reason) ? "Dossier ajourné par le jury." : reason.Trim();
        State = DeliberationState.Postponed;
        _events.Add(new DeliberationPostponed(Subject.DossierId, at, Round, postponedBy, PostponementReason));
    }

    /// <summary>R13, R14: the chair writes the comments and the answer to the candidate's observations.</summary>
    public void WriteDecisionText(Guid writtenBy, string? comments, string? observationsAnswer, DateTimeOffset at)
    {
        EnsureDecidedAndUnsigned();
        EnsureLedByChair(writtenBy, "Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne pouvez pas rédiger la décision.");
        Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        ObservationsAnswer = string.IsNullOrWhiteSpace(observationsAnswer) ? null : observationsAnswer.Trim();
        _events.Add(new DecisionTextWritten(Subject.DossierId, at, Round, writtenBy, Comments, ObservationsAnswer));
    }

    /// <summary>R14: the chair signs; R13: observations must be answered first. Never changes after (R12).</summary>
    public void Sign(Guid signedBy, DateTimeOffset at)
    {
        EnsureDecidedAndUnsigned();
        EnsureLedByChair(signedBy, "Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne pouvez pas signer la décision.");
        Check(new ObservationsMustBeAnsweredBeforeSigningRule(Subject.HasCandidateObservations, ObservationsAnswer));
        Signature = new Signature(signedBy, at);
        _events.Add(new DecisionSigned(Subject.DossierId, at, Round, signedBy));
    }

    /// <summary>R10.2 then R11: the actor is on the panel, and chairs it.</summary>
    private void EnsureLedByChair(Guid memberId, string notInPanelMessage)
    {
        Check(new OnlyPanelMembersTakePartRule(Panel, memberId, notInPanelMessage));
        Check(new OnlyTheDossierChairLeadsRule(Chair, memberId));
    }

    private void EnsureDecidedAndUnsigned()
    {
        Check(new DecisionMustBeTakenRule(State));
        Check(new SignedDecisionIsFinalRule(IsSigned));
    }
}
