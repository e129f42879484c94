using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Deliberations.Events;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

public class DeliberationVotingTests
{
    private static Guid President(Deliberation deliberation) => deliberation.Panel.Members[0].Id;

    [Fact]
    public void R10_1_Opening_a_deliberation_with_an_invalid_panel_is_refused()
    {
        var panel = Panel.For(Jury221(), [Employee(0).Id]);

        var ex = Assert.Throws<DeliberationException>(() => Deliberation.Open(Subject(), panel));

        Assert.Equal(DeliberationError.PanelInvalid, ex.Error);
        Assert.Equal("R10.1", ex.RuleId);
        Assert.StartsWith("Le collège délibérant ne respecte pas la composition paritaire : ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R10_1_Opening_a_deliberation_without_the_expert_is_refused()
    {
        var panel = Panel.For(Jury111(), [Expert(0).Id]);

        var ex = Assert.Throws<DeliberationException>(() => Deliberation.Open(Subject(), panel));

        Assert.Equal(DeliberationError.PanelInvalid, ex.Error);
        Assert.Contains("expert métier", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R10_1_A_deliberation_opens_on_the_panel_left_after_a_member_stood_aside()
    {
        var panel = Panel.For(Jury221(), [Employee(0).Id], [Employer(0).Id]);

        var deliberation = Deliberation.Open(Subject(), panel);

        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Same(panel, deliberation.Panel);
    }

    [Fact]
    public void R10_2_A_recused_member_cannot_vote()
    {
        var recused = Employee(0);
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [recused.Id, Employer(0).Id]));
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
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [Employee(0).Id], [aside.Id]));
        deliberation.Propose(Expert(0).Id, ValidatingAll(deliberation.Subject), At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(aside.Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationError.NotInPanel, ex.Error);
    }

    [Fact]
    public void R10_2_A_recused_members_approval_does_not_complete_the_unanimity()
    {
        var recused = Employee(0);
        var deliberation = Deliberation.Open(Subject(), Panel.For(Jury221(), [recused.Id, Employer(0).Id]));
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
    public void R11_Events_record_the_proposal_the_votes_and_the_decision_in_order()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        AllApprove(deliberation);

        Assert.Collection(
            deliberation.Events,
            e => Assert.Equal(new ProposalPut(deliberation.Subject.DossierId, At, 1, President(deliberation)), e),
            e => Assert.Equal(new VoteCast(deliberation.Subject.DossierId, At, 1, Employee().Id, VoteChoice.Approve), e),
            e => Assert.Equal(new VoteCast(deliberation.Subject.DossierId, At, 1, Employer().Id, VoteChoice.Approve), e),
            e => Assert.Equal(new VoteCast(deliberation.Subject.DossierId, At, 1, Expert().Id, VoteChoice.Approve), e),
            e => Assert.Equal(new DecisionReached(deliberation.Subject.DossierId, At, 1), e));
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
        deliberation.Cast(Employee().Id, VoteChoice.Object, At);

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
        deliberation.Cast(Employer(1).Id, VoteChoice.Object, At);

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
        deliberation.Cast(Employer().Id, VoteChoice.Object, At);

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
        deliberation.Cast(Employee().Id, VoteChoice.Object, At);
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
        deliberation.Cast(Employer().Id, VoteChoice.Object, At);
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

        deliberation.Cast(Expert().Id, VoteChoice.Object, At);
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

        Assert.False(deliberation.Cast(Employee().Id, VoteChoice.Object, At));
        Assert.False(deliberation.IsRoundDefeated);
        Assert.False(deliberation.Cast(Employer().Id, VoteChoice.Approve, At));
        Assert.True(deliberation.Cast(Expert().Id, VoteChoice.Approve, At));

        Assert.Equal(DeliberationState.Decided, deliberation.State);
        Assert.Equal([Employer().Id, Expert().Id], deliberation.Decision!.Approvers);
    }

    [Fact]
    public void R11_Absolute_majority_needs_three_approvals_out_of_five()
    {
        var deliberation = Open221(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        Assert.False(deliberation.Cast(Employee(0).Id, VoteChoice.Approve, At));
        Assert.False(deliberation.Cast(Employee(1).Id, VoteChoice.Approve, At));
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.True(deliberation.Cast(Expert(0).Id, VoteChoice.Approve, At));
    }

    [Fact]
    public void R11_Under_absolute_majority_two_objections_out_of_three_defeat_the_round()
    {
        var deliberation = Open111(DecisionRule.AbsoluteMajority);
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);

        deliberation.Cast(Employee().Id, VoteChoice.Object, At);
        deliberation.Cast(Employer().Id, VoteChoice.Object, At);

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
        var cast = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Object, At));
        var postpone = Assert.Throws<DeliberationException>(() => deliberation.Postpone("Trop tard", At));

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

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(StrangerId(), VoteChoice.Object, At));

        Assert.Equal(DeliberationError.AlreadyDecided, ex.Error);
    }

    [Fact]
    public void R11_Postponing_without_a_decision_records_the_reason()
    {
        var deliberation = Open111();
        deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee().Id, VoteChoice.Object, At);

        deliberation.Postpone("  Pas d'unanimité  ", At);

        Assert.Equal(DeliberationState.Postponed, deliberation.State);
        Assert.Equal("Pas d'unanimité", deliberation.PostponementReason);
        Assert.Null(deliberation.Decision);
        Assert.IsType<DeliberationPostponed>(deliberation.Events[^1]);
    }

    [Fact]
    public void R10_1_A_dossier_may_be_postponed_before_any_proposal_with_a_default_reason()
    {
        var deliberation = Open111();

        deliberation.Postpone(" ", At);

        Assert.Equal(DeliberationState.Postponed, deliberation.State);
        Assert.Equal("Dossier ajourné par le jury.", deliberation.PostponementReason);
    }

    [Fact]
    public void R11_Nothing_is_deliberated_after_postponement()
    {
        var deliberation = Open111();
        deliberation.Postpone("Expert absent", At);

        var propose = Assert.Throws<DeliberationException>(() =>
            deliberation.Propose(President(deliberation), ValidatingAll(deliberation.Subject), At));
        var cast = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Approve, At));
        var postpone = Assert.Throws<DeliberationException>(() => deliberation.Postpone("Encore", At));

        Assert.All([propose, cast, postpone], ex => Assert.Equal(DeliberationError.Postponed, ex.Error));
        Assert.Equal(DeliberationState.Postponed, deliberation.State);
        Assert.Equal("Expert absent", deliberation.PostponementReason);
        Assert.Equal(0, deliberation.Round);
    }
}
