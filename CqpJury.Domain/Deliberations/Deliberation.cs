using CqpJury.Domain.Deliberations.Events;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;

namespace CqpJury.Domain.Deliberations;

/// <summary>
/// The deliberation on one dossier (R11), with explicit states: Open → Voting → Decided | Postponed.
/// The president puts a proposal (per competence validated or not, limited by R3); each panel member
/// approves or objects once per round; changing the proposal starts a new round and clears the
/// votes; the decision exists only when the certificate's decision rule is met. After the decision
/// the president writes the comments and the answer to the candidate's observations (R13), then
/// signs; a signed decision never changes. Every refused action throws a
/// <see cref="DeliberationException"/> with a typed error and a French message.
/// The app persists the facts (proposals, votes, postponement, text, signature) and rebuilds the
/// aggregate by replaying them through these same methods.
/// </summary>
public sealed class Deliberation
{
    private readonly List<Vote> _votes = [];
    private readonly List<DeliberationEvent> _events = [];

    private Deliberation(DeliberationSubject subject, Panel panel)
    {
        Subject = subject;
        Panel = panel;
    }

    public DeliberationSubject Subject { get; }

    public Panel Panel { get; }

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
    /// Opens the deliberation on a dossier for a panel. R10.1: the panel must satisfy R8.
    /// </summary>
    public static Deliberation Open(DeliberationSubject subject, Panel panel)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(panel);
        if (!panel.IsValid)
        {
            throw new DeliberationException(DeliberationError.PanelInvalid, "R10.1",
                "Le collège délibérant ne respecte pas la composition paritaire : " + string.Join(" ", panel.Findings.Select(f => f.Message)));
        }

        return new Deliberation(subject, panel);
    }

    /// <summary>The outcome a set of validations would give (R4), without changing anything.</summary>
    public OutcomeResult Preview(IReadOnlyDictionary<string, bool> validations) => Subject.Evaluate(validations);

    /// <summary>
    /// Puts a proposal to the vote (first round) or amends it (new round: the votes are cleared, R11).
    /// </summary>
    public Proposal Propose(Guid proposedBy, IReadOnlyDictionary<string, bool> validations, DateTimeOffset at)
    {
        EnsureUndecided();
        EnsureInPanel(proposedBy, "Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne pouvez pas soumettre de proposition.");
        var outcome = Preview(validations);
        Round++;
        _votes.Clear();
        var copy = new Dictionary<string, bool>(validations, StringComparer.Ordinal);
        CurrentProposal = new Proposal(Round, copy, outcome, proposedBy, at);
        State = DeliberationState.Voting;
        _events.Add(new ProposalPut(Subject.DossierId, at, Round, proposedBy));
        return CurrentProposal;
    }

    /// <summary>
    /// A panel member's vote on the current proposal (R10.2: only panel members; R11: once per
    /// round). Returns true when this vote met the decision rule and the decision was recorded.
    /// </summary>
    public bool Cast(Guid memberId, VoteChoice choice, DateTimeOffset at, string? comment = null)
    {
        EnsureUndecided();
        EnsureInPanel(memberId, "Vous ne faites pas partie du collège délibérant pour ce dossier : votre vote ne peut pas être pris en compte.");

        if (State != DeliberationState.Voting || CurrentProposal is null)
        {
            throw new DeliberationException(DeliberationError.NoProposalToVote, "R11", "Aucune proposition n'est soumise au vote.");
        }

        if (_votes.Any(v => v.MemberId == memberId))
        {
            throw new DeliberationException(DeliberationError.AlreadyVoted, "R11", "Vous avez déjà voté pour cette proposition.");
        }

        _votes.Add(new Vote(memberId, choice, Round, at, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()));
        _events.Add(new VoteCast(Subject.DossierId, at, Round, memberId, choice));

        var approvers = _votes.Where(v => v.Choice == VoteChoice.Approve).Select(v => v.MemberId).ToList();
        if (!DecisionRuleEvaluator.IsMet(Subject.Certificate.DecisionRule, Panel.Members.Count, approvers.Count))
        {
            return false;
        }

        Decision = new Decision(Round, CurrentProposal.Outcome, Subject.JuryDate, at, approvers);
        State = DeliberationState.Decided;
        _events.Add(new DecisionReached(Subject.DossierId, at, Round));
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

    /// <summary>Can the current round no longer reach a decision (an objection under unanimity)?</summary>
    public bool IsRoundDefeated =>
        State == DeliberationState.Voting &&
        DecisionRuleEvaluator.IsDefeated(Subject.Certificate.DecisionRule, Panel.Members.Count, Tally.Objected.Count);

    /// <summary>R10.1, R11: the dossier is postponed (ajourné) without a decision.</summary>
    public void Postpone(string reason, DateTimeOffset at)
    {
        EnsureUndecided();
        PostponementReason = string.IsNullOrWhiteSpace(reason) ? "Dossier ajourné par le jury." : reason.Trim();
        State = DeliberationState.Postponed;
        _events.Add(new DeliberationPostponed(Subject.DossierId, at, PostponementReason));
    }

    /// <summary>R13, R14: the president writes the comments and the answer to the candidate's observations.</summary>
    public void WriteDecisionText(string? comments, string? observationsAnswer, DateTimeOffset at)
    {
        EnsureDecidedAndUnsigned();
        Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        ObservationsAnswer = string.IsNullOrWhiteSpace(observationsAnswer) ? null : observationsAnswer.Trim();
        _events.Add(new DecisionTextWritten(Subject.DossierId, at));
    }

    /// <summary>R14: the president signs; R13: observations must be answered first. Never changes after.</summary>
    public void Sign(Guid signedBy, DateTimeOffset at)
    {
        EnsureDecidedAndUnsigned();
        EnsureInPanel(signedBy, "Vous ne faites pas partie du collège délibérant pour ce dossier : vous ne pouvez pas signer la décision.");
        if (Subject.HasCandidateObservations && ObservationsAnswer is null)
        {
            throw new DeliberationException(DeliberationError.ObservationsNotAnswered, "R13",
                "Le candidat a formulé des observations : la réponse du jury doit figurer dans la décision avant la signature.");
        }

        Signature = new Signature(signedBy, at);
        _events.Add(new DecisionSigned(Subject.DossierId, at, signedBy));
    }

    /// <summary>R10.2: a member in conflict (or standing aside) takes no part: no proposal, no vote, no signature.</summary>
    private void EnsureInPanel(Guid memberId, string message)
    {
        if (!Panel.Contains(memberId))
        {
            throw new DeliberationException(DeliberationError.NotInPanel, "R10.2", message);
        }
    }

    private void EnsureUndecided()
    {
        switch (State)
        {
            case DeliberationState.Decided:
                throw new DeliberationException(DeliberationError.AlreadyDecided, "R11", "La décision est déjà prise : elle ne peut plus être modifiée.");
            case DeliberationState.Postponed:
                throw new DeliberationException(DeliberationError.Postponed, "R11", "Le dossier est ajourné : il ne peut plus être délibéré dans cette séance.");
        }
    }

    private void EnsureDecidedAndUnsigned()
    {
        if (State != DeliberationState.Decided)
        {
            throw new DeliberationException(DeliberationError.NotDecided, "R11", "Aucune décision n'a encore été prise sur ce dossier.");
        }

        if (IsSigned)
        {
            throw new DeliberationException(DeliberationError.AlreadySigned, "R14", "La décision est signée : elle ne peut plus être modifiée.");
        }
    }

}
