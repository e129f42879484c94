using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;

namespace CqpJury.Domain.Deliberations;

/// <summary>A rule of the deliberation: broken, it refuses the action with a typed <see cref="DeliberationError"/>.</summary>
public interface IDeliberationRule : IBusinessRule
{
    DeliberationError Error { get; }
}

/// <summary>R10.1: the members who deliberate on a dossier must themselves satisfy R8.</summary>
public sealed class PanelMustBeParitaryRule(Panel panel) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.PanelInvalid;

    public string RuleId => "R10.1";

    public string Message =>
        "Le collège délibérant ne respecte pas la composition paritaire : " + string.Join(" ", panel.Findings.Select(f => f.Message));

    public bool IsBroken() => !panel.IsValid;
}

/// <summary>R9, R11: a deliberation is chaired; there is no chair before the session's president is designated.</summary>
public sealed class DeliberationNeedsAChairRule(JuryMember? chair) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.NoChair;

    public string RuleId => "R9";

    public string Message => "Aucun président n'a encore été désigné : la délibération ne peut pas s'ouvrir.";

    public bool IsBroken() => chair is null;
}

/// <summary>
/// R11 (interpretation): only the dossier's chair — the president, or the expert métier when the
/// president is excluded (<see cref="DossierChair"/>) — proposes, amends, postpones, writes and signs.
/// </summary>
public sealed class OnlyTheDossierChairLeadsRule(JuryMember chair, Guid memberId) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.NotChair;

    public string RuleId => "R11";

    public string Message => $"Cette action est réservée à {chair.Name}, qui préside la délibération sur ce dossier.";

    public bool IsBroken() => chair.Id != memberId;
}

/// <summary>R10.2: a member in conflict (or standing aside) takes no part: no proposal, no vote, no signature.</summary>
public sealed class OnlyPanelMembersTakePartRule(Panel panel, Guid memberId, string message) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.NotInPanel;

    public string RuleId => "R10.2";

    public string Message => message;

    public bool IsBroken() => !panel.Contains(memberId);
}

/// <summary>R11, R12: a decided dossier is never deliberated again; a postponed one not in this session.</summary>
public sealed class DeliberationMustBeUndecidedRule(DeliberationState state) : IDeliberationRule
{
    public DeliberationError Error => state == DeliberationState.Postponed ? DeliberationError.Postponed : DeliberationError.AlreadyDecided;

    public string RuleId => "R11";

    public string Message => state == DeliberationState.Postponed
        ? "Le dossier est ajourné : il ne peut plus être délibéré dans cette séance."
        : "La décision est déjà prise : elle ne peut plus être modifiée.";

    public bool IsBroken() => state is DeliberationState.Decided or DeliberationState.Postponed;
}

/// <summary>R11: a vote is on the proposal under vote.</summary>
public sealed class ProposalMustBeUnderVoteRule(DeliberationState state) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.NoProposalToVote;

    public string RuleId => "R11";

    public string Message => "Aucune proposition n'est soumise au vote.";

    public bool IsBroken() => state != DeliberationState.Voting;
}

/// <summary>R11: one vote per panel member and round.</summary>
public sealed class MemberVotesOncePerRoundRule(IEnumerable<Vote> roundVotes, Guid memberId) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.AlreadyVoted;

    public string RuleId => "R11";

    public string Message => "Vous avez déjà voté pour cette proposition.";

    public bool IsBroken() => roundVotes.Any(v => v.MemberId == memberId);
}

/// <summary>
/// R12 (interpretation): an objection carries a short reason, asked of the objecting member for the
/// chair and the panel; it stays inside the jury and is never printed on the candidate's documents.
/// </summary>
public sealed class ObjectionMustGiveReasonRule(VoteChoice choice, string? comment) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.ObjectionReasonMissing;

    public string RuleId => "R12";

    public string Message => "Indiquez brièvement le motif de votre objection (il est lu par le collège délibérant, jamais par le candidat).";

    public bool IsBroken() => choice == VoteChoice.Object && string.IsNullOrWhiteSpace(comment);
}

/// <summary>R12: a vote's comment (an objection's reason) is short.</summary>
public sealed class VoteCommentMustBeShortRule(string? comment) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.CommentTooLong;

    public string RuleId => "R12";

    public string Message => $"Le commentaire ne peut pas dépasser {Vote.MaxCommentLength} caractères.";

    public bool IsBroken() => comment is not null && comment.Trim().Length > Vote.MaxCommentLength;
}

/// <summary>R11, R14: the decision text and the signature come after the decision.</summary>
public sealed class DecisionMustBeTakenRule(DeliberationState state) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.NotDecided;

    public string RuleId => "R11";

    public string Message => "Aucune décision n'a encore été prise sur ce dossier.";

    public bool IsBroken() => state != DeliberationState.Decided;
}

/// <summary>R12, R14: a signed decision is final: its text and signature never change.</summary>
public sealed class SignedDecisionIsFinalRule(bool isSigned) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.AlreadySigned;

    public string RuleId => "R14";

    public string Message => "La décision est signée : elle ne peut plus être modifiée.";

    public bool IsBroken() => isSigned;
}

/// <summary>R13: when the candidate wrote observations, the jury's answer is part of the decision before it is signed.</summary>
public sealed class ObservationsMustBeAnsweredBeforeSigningRule(bool hasObservations, string? answer) : IDeliberationRule
{
    public DeliberationError Error => DeliberationError.ObservationsNotAnswered;

    public string RuleId => "R13";

    public string Message => "Le candidat a formulé des observations : la réponse du jury doit figurer dans la décision avant la signature.";

    public bool IsBroken() => hasObservations && answer is null;
}

/// <summary>R4.2: a proposal names only the competences this jury decides on (not those still held).</summary>
public sealed class ProposalNamesOnlyCompetencesToDecideRule(IReadOnlyDictionary<string, bool> validations, IReadOnlyList<Referential.Competence> toDecide) : IDeliberationRule
{
    private string? Unknown => validations.Keys.FirstOrDefault(k => toDecide.All(c => c.Code != k));

    public DeliberationError Error => DeliberationError.UnknownCompetence;

    public string RuleId => "R4.2";

    public string Message => $"La compétence « {Unknown} » n'est pas soumise au jury pour ce dossier.";

    public bool IsBroken() => Unknown is not null;
}

/// <summary>R11: a proposal answers every competence to decide (validated or not).</summary>
public sealed class ProposalAnswersEveryCompetenceRule(
    IReadOnlyDictionary<string, bool> validations, IReadOnlyList<Referential.Competence> toDecide, Referential.CertificateDefinition certificate) : IDeliberationRule
{
    private List<Referential.Competence> Missing => toDecide.Where(c => !validations.ContainsKey(c.Code)).ToList();

    public DeliberationError Error => DeliberationError.ProposalIncomplete;

    public string RuleId => "R11";

    public string Message =>
        "La proposition doit se prononcer sur chaque compétence : " +
        string.Join(", ", Missing.Select(c => $"compétence {certificate.PositionOf(c.Code)}")) + " sans réponse.";

    public bool IsBroken() => Missing.Count > 0;
}

/// <summary>R3: the jury may validate a competence only if the evaluators indicated it mastered.</summary>
public sealed class OnlyMasteredCompetencesMayBeValidatedRule(
    IReadOnlyDictionary<string, bool> validations, IReadOnlySet<string> validatable, Referential.CertificateDefinition certificate) : IDeliberationRule
{
    private string? Offending => validations.Where(kv => kv.Value && !validatable.Contains(kv.Key)).Select(kv => kv.Key).FirstOrDefault();

    public DeliberationError Error => DeliberationError.CompetenceNotValidatable;

    public string RuleId => "R3";

    public string Message =>
        $"La compétence {certificate.PositionOf(Offending!)} ne peut pas être validée : les évaluateurs ne l'ont pas indiquée maîtrisée.";

    public bool IsBroken() => Offending is not null;
}
