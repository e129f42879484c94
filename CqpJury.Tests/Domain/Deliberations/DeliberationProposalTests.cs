using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

public class DeliberationProposalTests
{
    private static readonly Guid President = Expert().Id;

    /// <summary>A competence validated one year before the jury: still held on the jury date (R4.1).</summary>
    private static readonly CompetenceAcquisition HeldC1 = new("C1", JuryDate.AddYears(-1));

    /// <summary>A competence validated more than five years before the jury: no longer held (R4.2).</summary>
    private static readonly CompetenceAcquisition ExpiredC2 = new("C2", JuryDate.AddYears(-5));

    [Fact]
    public void R3_Validating_a_competence_the_evaluators_did_not_indicate_mastered_is_refused()
    {
        var subject = Subject(validatable: ["C1", "C2", "C3", "C4", "C5"]);
        var deliberation = Open(subject, Jury111());

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Propose(President, ValidatingAll(subject), At));

        Assert.Equal(DeliberationError.CompetenceNotValidatable, ex.Error);
        Assert.Equal("R3", ex.RuleId);
        Assert.Equal(
            "La compétence 6 ne peut pas être validée : les évaluateurs ne l'ont pas indiquée maîtrisée.",
            ex.Message);
        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Equal(0, deliberation.Round);
        Assert.Null(deliberation.CurrentProposal);
    }

    [Fact]
    public void R3_The_jury_may_decline_to_validate_a_mastered_competence()
    {
        var subject = Subject();
        var deliberation = Open(subject, Jury111());

        var proposal = deliberation.Propose(President, Validating(subject, "C1", "C2", "C3", "C4", "C5"), At);

        Assert.False(proposal.Validations["C6"]);
        Assert.Equal(DecisionOutcome.PartiallyValidated, proposal.Outcome.Outcome);
    }

    [Fact]
    public void R3_A_refused_amendment_leaves_the_current_round_and_its_votes_untouched()
    {
        var subject = Subject(validatable: ["C1", "C2"]);
        var deliberation = Open(subject, Jury111());
        var first = deliberation.Propose(President, Validating(subject, "C1"), At);
        deliberation.Cast(Employee().Id, VoteChoice.Approve, At);

        Assert.Throws<DeliberationException>(() => deliberation.Propose(President, Validating(subject, "C1", "C3"), At));

        Assert.Same(first, deliberation.CurrentProposal);
        Assert.Equal(1, deliberation.Round);
        Assert.Single(deliberation.Votes);
    }

    /// <summary>
    /// R10.2: a member in conflict does not see the dossier's content nor take part in the
    /// deliberation, so cannot put (or amend) the proposal either, even when they preside.
    /// Fails today: <see cref="Deliberation.Propose"/> never checks <c>proposedBy</c>.
    /// </summary>
    [Fact]
    public void R10_2_A_recused_member_cannot_put_a_proposal()
    {
        var recused = Employee(0);
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [recused.Id, Employer(0).Id]), PresidentId);

        var ex = Record.Exception(() => deliberation.Propose(recused.Id, ValidatingAll(deliberation.Subject), At));

        var refused = Assert.IsType<DeliberationException>(ex);
        Assert.Equal(DeliberationError.NotInPanel, refused.Error);
        Assert.Equal("R10.2", refused.RuleId);
        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Null(deliberation.CurrentProposal);
    }

    [Fact]
    public void R11_A_proposal_must_answer_for_every_competence_to_decide()
    {
        var subject = Subject();
        var deliberation = Open(subject, Jury111());
        var withoutC6 = ValidatingAll(subject).Where(kv => kv.Key != "C6").ToDictionary(kv => kv.Key, kv => kv.Value);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Propose(President, withoutC6, At));

        Assert.Equal(DeliberationError.ProposalIncomplete, ex.Error);
        Assert.Equal("R11", ex.RuleId);
        Assert.Equal("La proposition doit se prononcer sur chaque compétence : compétence 6 sans réponse.", ex.Message);
    }

    [Fact]
    public void R4_2_A_proposal_naming_a_competence_still_held_is_refused()
    {
        var subject = Subject(earlier: [HeldC1]);
        var deliberation = Open(subject, Jury111());
        var naming = new Dictionary<string, bool>(ValidatingAll(subject)) { ["C1"] = true };

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Propose(President, naming, At));

        Assert.Equal(DeliberationError.UnknownCompetence, ex.Error);
        Assert.Equal("R4.2", ex.RuleId);
        Assert.Equal("La compétence « C1 » n'est pas soumise au jury pour ce dossier.", ex.Message);
    }

    [Fact]
    public void R4_2_A_proposal_naming_a_competence_outside_the_certificate_is_refused()
    {
        var subject = Subject();
        var deliberation = Open(subject, Jury111());
        var naming = new Dictionary<string, bool>(ValidatingAll(subject)) { ["C7"] = false };

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Propose(President, naming, At));

        Assert.Equal(DeliberationError.UnknownCompetence, ex.Error);
    }

    [Fact]
    public void R4_2_A_competence_still_held_is_not_to_decide_and_an_expired_one_is()
    {
        var subject = Subject(earlier: [HeldC1, ExpiredC2]);

        Assert.Equal(["C2", "C3", "C4", "C5", "C6"], subject.CompetencesToDecide.Select(c => c.Code));
    }

    [Fact]
    public void R3_The_default_proposal_validates_exactly_the_validatable_competences()
    {
        var subject = Subject(validatable: ["C1", "C3", "C5"]);

        var proposal = subject.DefaultProposal;

        Assert.Equal(
            new Dictionary<string, bool> { ["C1"] = true, ["C2"] = false, ["C3"] = true, ["C4"] = false, ["C5"] = true, ["C6"] = false },
            proposal);
    }

    [Fact]
    public void R4_2_The_default_proposal_leaves_out_competences_still_held()
    {
        var subject = Subject(validatable: ["C2", "C3"], earlier: [HeldC1]);

        Assert.Equal(["C2", "C3", "C4", "C5", "C6"], subject.DefaultProposal.Keys.Order(StringComparer.Ordinal));
        Assert.True(subject.DefaultProposal["C2"]);
        Assert.False(subject.DefaultProposal["C4"]);
    }

    [Fact]
    public void R3_The_default_proposal_is_accepted_by_the_deliberation()
    {
        var subject = Subject(validatable: ["C2", "C4"], earlier: [HeldC1]);
        var deliberation = Open(subject, Jury111());

        var proposal = deliberation.Propose(President, subject.DefaultProposal, At);

        Assert.Equal(subject.DefaultProposal, proposal.Validations);
        Assert.Equal(DecisionOutcome.PartiallyValidated, proposal.Outcome.Outcome);
    }

    [Fact]
    public void R4_Preview_computes_the_outcome_without_changing_the_deliberation()
    {
        var subject = Subject();
        var deliberation = Open(subject, Jury111());

        var outcome = deliberation.Preview(ValidatingAll(subject));

        Assert.Equal(DecisionOutcome.Awarded, outcome.Outcome);
        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Null(deliberation.CurrentProposal);
        Assert.Empty(deliberation.Events);
    }

    [Fact]
    public void R4_Preview_applies_the_same_checks_as_a_proposal()
    {
        var subject = Subject(validatable: ["C1"]);
        var deliberation = Open(subject, Jury111());

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Preview(Validating(subject, "C2")));

        Assert.Equal(DeliberationError.CompetenceNotValidatable, ex.Error);
    }

    [Fact]
    public void R11_The_proposal_keeps_its_own_copy_of_the_validations()
    {
        var subject = Subject();
        var deliberation = Open(subject, Jury111());
        var validations = new Dictionary<string, bool>(ValidatingAll(subject));

        var proposal = deliberation.Propose(President, validations, At);
        validations["C1"] = false;

        Assert.True(proposal.Validations["C1"]);
        Assert.Equal(President, proposal.ProposedBy);
        Assert.Equal(At, proposal.ProposedAt);
    }

    [Theory]
    [InlineData(new[] { "C1", "C2", "C3", "C4", "C5", "C6" }, DecisionOutcome.Awarded)]
    [InlineData(new[] { "C1", "C4" }, DecisionOutcome.PartiallyValidated)]
    [InlineData(new string[0], DecisionOutcome.NotValidated)]
    public void R4_The_decision_carries_the_outcome_of_the_approved_proposal(string[] validated, DecisionOutcome expected)
    {
        var subject = Subject();
        var deliberation = Open(subject, Jury111());
        deliberation.Propose(President, Validating(subject, validated), At);

        AllApprove(deliberation);

        Assert.NotNull(deliberation.Decision);
        Assert.Equal(expected, deliberation.Decision.Outcome.Outcome);
        Assert.Same(deliberation.CurrentProposal!.Outcome, deliberation.Decision.Outcome);
    }

    [Fact]
    public void R4_1_The_decision_date_is_the_jury_date_and_validated_competences_are_held_five_years_from_it()
    {
        var juryDate = new DateOnly(2026, 11, 27);
        var subject = Subject(juryDate: juryDate);
        var deliberation = Open(subject, Jury111());
        deliberation.Propose(President, Validating(subject, "C3"), new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

        AllApprove(deliberation);

        Assert.Equal(juryDate, deliberation.Decision!.DecisionDate);
        Assert.Equal(new DateOnly(2031, 11, 26), deliberation.Decision.Outcome.For("C3").ValidUntil);
        Assert.Equal([new CompetenceAcquisition("C3", juryDate)], deliberation.Decision.Outcome.NewAcquisitions(juryDate));
    }

    [Fact]
    public void R4_Competences_still_held_count_toward_the_award()
    {
        var subject = Subject(earlier: [HeldC1]);
        var deliberation = Open(subject, Jury111());
        deliberation.Propose(President, ValidatingAll(subject), At);

        AllApprove(deliberation);

        var outcome = deliberation.Decision!.Outcome;
        Assert.Equal(DecisionOutcome.Awarded, outcome.Outcome);
        Assert.Equal(CompetenceStanding.StillHeld, outcome.For("C1").Standing);
        Assert.Equal(CompetenceStanding.ValidatedNow, outcome.For("C2").Standing);
    }
}
