using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Deliberations.Events;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

public class DeliberationVotingTests
{
    private static Guid President(Deliberation deliberation) => deliberation.Chair.Id;

    [Fact]
    public void R10_1_Opening_a_deliberation_with_an_invalid_panel_is_refused()
    {
        var panel = Panel.For(Jury221(), [Employee(0).Id]);

        var ex = Assert.Throws<DeliberationException>(() => Deliberation.Open(Subject(), panel, PresidentId));

        Assert.Equal(DeliberationError.PanelInvalid, ex.Error);
        Assert.Equal("R10.1", ex.RuleId);
        Assert.StartsWith("Le collège délibérant ne respecte pas la composition paritaire : ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R10_1_Opening_a_deliberation_without_the_expert_is_refused()
    {
        var panel = Panel.For(Jury111(), [Expert(0).Id]);

        var ex = Assert.Throws<DeliberationException>(() => Deliberation.Open(Subject(), panel, PresidentId));

        Assert.Equal(DeliberationError.PanelInvalid, ex.Error);
        Assert.Contains("expert métier", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R10_1_A_deliberation_opens_on_the_panel_left_after_a_member_stood_aside()
    {
        var panel = Panel.For(Jury221(), [Employee(0).Id], [Employer(0).Id]);

        var deliberation = Deliberation.Open(Subject(), panel, PresidentId);

        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Same(panel, deliberation.Panel);
    }

    [Fact]
    public void R10_2_A_recused_member_cannot_vote()
    {
        var recused = Employee(0);
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [recused.Id, Employer(0).Id]), PresidentId);
        deliberation.Propose(Expert(0).Id, ValidatingAll(deliberation.Subject), At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(recused.Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationError.NotInPanel, ex.Error);
        Assert.Equal("R10.2", ex.RuleId);
        Assert.Empty(deliberation.Votes);
        Assert.DoesNotContain(deliberation.Events, e => e is VoteCast);
    }

    [Fact]
    public void R10_2_A_member_who_stood_aside_cannot_vote()
    {
        var aside = Employer(1);
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [Employee(0).Id], [aside.Id]), PresidentId);
        deliberation.Propose(Expert(0).Id, ValidatingAll(deliberation.Subject), At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(aside.Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationError.NotInPanel, ex.Error);
    }

    [Fact]
    public void R10_2_A_recused_members_approval_does_not_complete_the_unanimity()
    {
        var recused = Employee(0);
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [recused.Id, Employer(0).Id]), PresidentId);
        deliberation.Propose(Expert(0).Id, ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee(1).Id, VoteChoice.Approve, At);
        deliberation.Cast(Employer(1).Id, VoteChoice.Approve, At);

        Assert.Throws<DeliberationException>(() => deliberation.Cast(recused.Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Equal([Expert(0).Id], deliberation.Tally.Pending);
        Assert.True(deliberation.Cast(Expert(0).Id, VoteChoice.Approve, At));
        Assert.DoesNotContain(recused.Id, deliberation.Decision!.Approvers);
    }

    [Fact]
    public void R11_A_new_deliberation_is_open_without_proposal_round_or_votes()
    {
        var deliberation = Open111();

        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Equal(0, deliberation.Round);
        Assert.Null(deliberation.CurrentProposal);
        Assert.Null(deliberation.Decision);
        Assert.Empty(deliberation.Votes);
        Assert.Equal(Tally.Empty, deliberation.Tally);
        Assert.False(deliberation.IsRoundDefeated);
    }

    [Fact]
    public void R11_States_go_from_open_to_voting_to_decided()
    {
        var deliberation = Open111();
        Assert.Equal(DeliberationState.Open, deliberation.State);

        var proposal = deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Equal(1, proposal.Round);
        Assert.Same(proposal, deliberation.CurrentProposal);

        Assert.False(deliberation.Cast(Employee().Id, VoteChoice.Approve, At));
        Assert.False(deliberation.Cast(Employer().Id, VoteChoice.Approve, At));
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Null(deliberation.Decision);

        Assert.True(deliberation.Cast(Expert().Id, VoteChoice.Approve, At));
        Assert.Equal(DeliberationState.Decided, deliberation.State);
        Assert.NotNull(deliberation.Decision);
        Assert.Equal(1, deliberation.Decision.Round);
        Assert.Equal(Ids(Jury111()), deliberation.Decision.Approvers);
    }

    [Fact]
    public void R11_Events_carry_their_actor_round_and_data_when_raised()
    {
        var deliberation = Open111();
        var id = deliberation.Subject.DossierId;
        var validations = Validating(deliberation.Subject, "C1", "C2");
        deliberation.Propose(President(deliberation), validations, At);
        deliberation.Cast(Employee().Id, VoteChoice.Approve, At, "  D'accord  ");
        deliberation.Cast(Employer().Id, VoteChoice.Approve, At);
        deliberation.Cast(Expert().Id, VoteChoice.Approve, At);

        Assert.Collection(
            deliberation.Events,
            e =>
            {
                var put = Assert.IsType<ProposalPut>(e);
                Assert.Equal((id, At, 1, President(deliberation)), (put.DossierId, put.OccurredAt, put.Round, put.ProposedBy));
                Assert.Equal(validations, put.Validations);
            },
            e => Assert.Equal(new VoteCast(id, At, 1, Employee().Id, VoteChoice.Approve, "D'accord"), e),
            e => Assert.Equal(new VoteCast(id, At, 1, Employer().Id, VoteChoice.Approve, null), e),
            e => Assert.Equal(new VoteCast(id, At, 1, Expert().Id, VoteChoice.Approve, null), e),
            e =>
            {
                var reached = Assert.IsType<DecisionReached>(e);
                Assert.Equal((id, At, 1, DecisionOutcome.PartiallyValidated), (reached.DossierId, reached.OccurredAt, reached.Round, reached.Outcome));
                Assert.Equal(Ids(Jury111()), reached.Approvers);
            });
    }

    [Fact]
    public void R11_A_proposal_event_keeps_the_validations_put_even_after_an_amendment()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        deliberation.Propose(President(deliberation), Validating(deliberation.Subject, "C1"), At.AddMinutes(1));

        var puts = deliberation.Events.OfType<ProposalPut>().ToList();

        Assert.Equal([1, 2], puts.Select(p => p.Round));
        Assert.All(puts[0].Validations, kv => Assert.True(kv.Value));
        Assert.Equal(["C1"], puts[1].Validations.Where(kv => kv.Value).Select(kv => kv.Key));
    }

    [Fact]
    public void R11_Postponement_text_and_signature_events_name_who_acted()
    {
        var postponed = Open111();
        postponed.Propose(President(postponed), ValidatingAll(postponed.Subject), At);
        postponed.Postpone(President(postponed), "  Pièce manquante  ", At);
        var decided = Decided111(hasObservations: true);
        decided.WriteDecisionText(decided.Chair.Id, " Bravo ", " Réponse ", At);
        decided.Sign(decided.Chair.Id, At);

        Assert.Equal(new DeliberationPostponed(postponed.Subject.DossierId, At, 1, Expert().Id, "Pièce manquante"), postponed.Events[^1]);
        Assert.Equal(new DecisionTextWritten(decided.Subject.DossierId, At, 1, Expert().Id, "Bravo", "Réponse"), decided.Events[^2]);
        Assert.Equal(new DecisionSigned(decided.Subject.DossierId, At, 1, Expert().Id), decided.Events[^1]);
    }

    [Fact]
    public void R11_Voting_before_any_proposal_is_refused()
    {
        var deliberation = Open111();

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationError.NoProposalToVote, ex.Error);
        Assert.Equal("R11", ex.RuleId);
        Assert.Empty(deliberation.Votes);
    }

    [Fact]
    public void R11_A_member_votes_once_per_round()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationError.AlreadyVoted, ex.Error);
        Assert.Equal("R11", ex.RuleId);
        var vote = Assert.Single(deliberation.Votes);
        Assert.Equal(VoteChoice.Object, vote.Choice);
    }

    [Fact]
    public void R11_A_vote_keeps_its_trimmed_comment_and_its_round()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        deliberation.Cast(Employee().Id, VoteChoice.Object, At, "  Compétence 4 insuffisante  ");
        deliberation.Cast(Employer().Id, VoteChoice.Approve, At, "   ");

        Assert.Equal(new Vote(Employee().Id, VoteChoice.Object, 1, At, "Compétence 4 insuffisante"), deliberation.Votes[0]);
        Assert.Null(deliberation.Votes[1].Comment);
    }

    [Fact]
    public void R11_Tally_shows_approvals_objections_and_pending_members()
    {
        var deliberation = Open221();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        deliberation.Cast(Employee(0).Id, VoteChoice.Approve, At);
        deliberation.Cast(Employer(1).Id, VoteChoice.Object, At, ObjectionReason);

        Assert.Equal([Employee(0).Id], deliberation.Tally.Approved);
        Assert.Equal([Employer(1).Id], deliberation.Tally.Objected);
        Assert.Equal([Employee(1).Id, Employer(0).Id, Expert(0).Id], deliberation.Tally.Pending);
    }

    [Fact]
    public void R11_Amending_the_proposal_starts_a_new_round_and_clears_the_votes()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee().Id, VoteChoice.Approve, At);
        deliberation.Cast(Employer().Id, VoteChoice.Object, At, ObjectionReason);

        var amended = deliberation.Propose(President(deliberation), Validating(deliberation.Subject, "C1", "C2"), At);

        Assert.Equal(2, deliberation.Round);
        Assert.Equal(2, amended.Round);
        Assert.Same(amended, deliberation.CurrentProposal);
        Assert.Empty(deliberation.Votes);
        Assert.Empty(deliberation.Tally.Approved);
        Assert.Empty(deliberation.Tally.Objected);
        Assert.Equal(Ids(Jury111()), deliberation.Tally.Pending);
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.False(deliberation.IsRoundDefeated);
    }

    [Fact]
    public void R11_After_an_amendment_a_member_who_voted_in_the_previous_round_votes_again()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason);
        deliberation.Propose(President(deliberation), Validating(deliberation.Subject, "C1"), At);

        deliberation.Cast(Employee().Id, VoteChoice.Approve, At);
        deliberation.Cast(Employer().Id, VoteChoice.Approve, At);
        var decided = deliberation.Cast(Expert().Id, VoteChoice.Approve, At);

        Assert.True(decided);
        Assert.Equal(2, deliberation.Decision!.Round);
        Assert.Equal(DecisionOutcome.PartiallyValidated, deliberation.Decision.Outcome.Outcome);
        Assert.All(deliberation.Votes, v => Assert.Equal(2, v.Round));
    }

    [Fact]
    public void R11_An_objection_under_unanimity_defeats_the_round_and_prevents_the_decision()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        deliberation.Cast(Employee().Id, VoteChoice.Approve, At);
        deliberation.Cast(Employer().Id, VoteChoice.Object, At, ObjectionReason);
        Assert.True(deliberation.IsRoundDefeated);
        var decided = deliberation.Cast(Expert().Id, VoteChoice.Approve, At);

        Assert.False(decided);
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Null(deliberation.Decision);
        Assert.True(deliberation.IsRoundDefeated);
        Assert.Empty(deliberation.Tally.Pending);
    }

    [Fact]
    public void R11_Objection_prevents_decision_under_unanimity_in_a_2_2_1_panel()
    {
        var deliberation = Open221();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        deliberation.Cast(Expert().Id, VoteChoice.Object, At, ObjectionReason);
        foreach (var member in deliberation.Panel.Members.Where(m => m.Seat != Seat.TradeExpert))
        {
            Assert.False(deliberation.Cast(member.Id, VoteChoice.Approve, At));
        }

        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Equal(4, deliberation.Tally.Approved.Count);
    }

    [Fact]
    public void R11_Absolute_majority_decides_with_two_approvals_out_of_three()
    {
        var deliberation = Open111(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        Assert.False(deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason));
        Assert.False(deliberation.IsRoundDefeated);
        Assert.False(deliberation.Cast(Employer().Id, VoteChoice.Approve, At));
        Assert.True(deliberation.Cast(Expert().Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationState.Decided, deliberation.State);
        Assert.Equal([Employer().Id, Expert().Id], deliberation.Decision!.Approvers);
    }

    [Fact]
    public void R11_Absolute_majority_needs_three_approvals_out_of_five_once_everyone_voted()
    {
        var deliberation = Open221(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        Assert.False(deliberation.Cast(Employee(0).Id, VoteChoice.Approve, At));
        Assert.False(deliberation.Cast(Employee(1).Id, VoteChoice.Approve, At));
        Assert.False(deliberation.Cast(Expert(0).Id, VoteChoice.Approve, At));
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.False(deliberation.Cast(Employer(0).Id, VoteChoice.Object, At, ObjectionReason));
        Assert.True(deliberation.Cast(Employer(1).Id, VoteChoice.Object, At, ObjectionReason));

        Assert.Equal(DeliberationState.Decided, deliberation.State);
        Assert.Equal([Employee(0).Id, Employee(1).Id, Expert(0).Id], deliberation.Decision!.Approvers);
    }

    [Fact]
    public void R11_Under_absolute_majority_a_majority_of_approvals_does_not_end_the_round_before_everyone_voted()
    {
        var deliberation = Open111(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        Assert.False(deliberation.Cast(Employee().Id, VoteChoice.Approve, At));
        Assert.False(deliberation.Cast(Employer().Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Null(deliberation.Decision);
        Assert.Equal([Expert().Id], deliberation.Tally.Pending);
        Assert.DoesNotContain(deliberation.Events, e => e is DecisionReached);
    }

    [Fact]
    public void R11_Under_absolute_majority_the_last_member_still_votes_and_is_counted_after_a_majority_approved()
    {
        var deliberation = Open221(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        foreach (var member in deliberation.Panel.Members.Take(3))
        {
            deliberation.Cast(member.Id, VoteChoice.Approve, At);
        }

        deliberation.Cast(deliberation.Panel.Members[3].Id, VoteChoice.Approve, At);
        var decided = deliberation.Cast(deliberation.Panel.Members[4].Id, VoteChoice.Object, At, ObjectionReason);

        Assert.True(decided);
        Assert.Equal(5, deliberation.Votes.Count);
        Assert.Equal(4, deliberation.Decision!.Approvers.Count);
        Assert.Equal([deliberation.Panel.Members[4].Id], deliberation.Tally.Objected);
    }

    [Theory]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, true)]
    [InlineData(5, 2, false)]
    [InlineData(5, 3, true)]
    public void R11_Under_absolute_majority_a_full_round_is_adopted_when_more_than_half_the_panel_approved(int panelSize, int approvals, bool adopted)
    {
        var deliberation = panelSize == 3 ? Open111(DecisionRule.AbsoluteMajority) : Open221(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        var results = deliberation.Panel.Members.Select((m, i) => i < approvals
            ? deliberation.Cast(m.Id, VoteChoice.Approve, At)
            : deliberation.Cast(m.Id, VoteChoice.Object, At, ObjectionReason)).ToList();

        Assert.Equal(adopted, results[^1]);
        Assert.All(results.SkipLast(1), r => Assert.False(r));
        Assert.Equal(adopted ? DeliberationState.Decided : DeliberationState.Voting, deliberation.State);
        Assert.Equal(!adopted, deliberation.IsRoundDefeated);
        Assert.Empty(deliberation.Tally.Pending);
    }

    [Fact]
    public void R11_Under_absolute_majority_two_objections_out_of_three_defeat_the_round()
    {
        var deliberation = Open111(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason);
        deliberation.Cast(Employer().Id, VoteChoice.Object, At, ObjectionReason);

        Assert.True(deliberation.IsRoundDefeated);
        Assert.False(deliberation.Cast(Expert().Id, VoteChoice.Approve, At));
        Assert.Equal(DeliberationState.Voting, deliberation.State);
    }

    [Fact]
    public void R11_Nothing_changes_after_the_decision()
    {
        var deliberation = Decided111();
        var decision = deliberation.Decision;

        var propose = Assert.Throws<DeliberationException>(() =>
            deliberation.Propose(President(deliberation), Validating(deliberation.Subject), At));
        var cast = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason));
        var postpone = Assert.Throws<DeliberationException>(() => deliberation.Postpone(deliberation.Chair.Id, "Trop tard", At));

        Assert.All([propose, cast, postpone], ex =>
        {
            Assert.Equal(DeliberationError.AlreadyDecided, ex.Error);
            Assert.Equal("R11", ex.RuleId);
            Assert.Equal("La décision est déjà prise : elle ne peut plus être modifiée.", ex.Message);
        });
        Assert.Equal(DeliberationState.Decided, deliberation.State);
        Assert.Same(decision, deliberation.Decision);
        Assert.Equal(1, deliberation.Round);
        Assert.Null(deliberation.PostponementReason);
    }

    [Fact]
    public void R11_A_non_panel_member_voting_after_the_decision_is_still_refused()
    {
        var deliberation = Decided111();

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(StrangerId(), VoteChoice.Object, At, ObjectionReason));

        Assert.Equal(DeliberationError.AlreadyDecided, ex.Error);
    }

    [Fact]
    public void R11_Postponing_without_a_decision_records_the_reason()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason);

        deliberation.Postpone(deliberation.Chair.Id, "  Pas d'unanimité  ", At);

        Assert.Equal(DeliberationState.Postponed, deliberation.State);
        Assert.Equal("Pas d'unanimité", deliberation.PostponementReason);
        Assert.Null(deliberation.Decision);
        Assert.IsType<DeliberationPostponed>(deliberation.Events[^1]);
    }

    [Fact]
    public void R10_1_A_dossier_may_be_postponed_before_any_proposal_with_a_default_reason()
    {
        var deliberation = Open111();

        deliberation.Postpone(deliberation.Chair.Id, " ", At);

        Assert.Equal(DeliberationState.Postponed, deliberation.State);
        Assert.Equal("Dossier ajourné par le jury.", deliberation.PostponementReason);
    }

    [Fact]
    public void R11_Nothing_is_deliberated_after_postponement()
    {
        var deliberation = Open111();
        deliberation.Postpone(deliberation.Chair.Id, "Expert absent", At);

        var propose = Assert.Throws<DeliberationException>(() =>
            deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At));
        var cast = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Approve, At));
        var postpone = Assert.Throws<DeliberationException>(() => deliberation.Postpone(deliberation.Chair.Id, "Encore", At));

        Assert.All([propose, cast, postpone], ex => Assert.Equal(DeliberationError.Postponed, ex.Error));
        Assert.Equal(DeliberationState.Postponed, deliberation.State);
        Assert.Equal("Expert absent", deliberation.PostponementReason);
        Assert.Equal(0, deliberation.Round);
    }
}
