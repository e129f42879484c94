using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Juries;

public class PresidentDesignationTests
{
    private static readonly Guid A = Employee(0).Id;
    private static readonly Guid B = Employer(0).Id;
    private static readonly Guid C = Expert(0).Id;
    private static readonly Guid[] Present = [A, B, C];

    [Fact]
    public void R9_A_proposal_by_a_present_member_awaits_the_other_present_members()
    {
        var designation = new PresidentDesignation();

        designation.Propose(A, B, Present);

        Assert.False(designation.IsDesignated);
        Assert.Null(designation.PresidentId);
        Assert.Equal(B, designation.ProposedPresidentId);
        Assert.Equal(A, designation.ProposedBy);
        Assert.Equal([B, C], designation.AwaitedFrom(Present));
    }

    [Fact]
    public void R9_The_proposer_counts_as_accepting()
    {
        var designation = new PresidentDesignation();

        designation.Propose(A, B, Present);

        Assert.Equal(new HashSet<Guid> { A }, designation.Acceptances);
        Assert.DoesNotContain(A, designation.AwaitedFrom(Present));
    }

    [Fact]
    public void R9_The_president_is_designated_once_every_present_member_accepted()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);

        designation.Accept(B, Present);
        Assert.False(designation.IsDesignated);

        designation.Accept(C, Present);
        Assert.True(designation.IsDesignated);
        Assert.Equal(B, designation.PresidentId);
        Assert.Empty(designation.AwaitedFrom(Present));
    }

    [Fact]
    public void R9_A_member_may_propose_themself_and_alone_present_is_designated_at_once()
    {
        var designation = new PresidentDesignation();

        designation.Propose(A, A, [A]);

        Assert.True(designation.IsDesignated);
        Assert.Equal(A, designation.PresidentId);
    }

    [Fact]
    public void R9_A_member_not_present_cannot_propose()
    {
        var designation = new PresidentDesignation();

        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.Propose(StrangerId(), B, Present));

        Assert.Equal("R9", ex.RuleId);
        Assert.Equal("Seul un membre présent peut proposer un président.", ex.Message);
        Assert.Null(designation.ProposedPresidentId);
    }

    [Fact]
    public void R9_A_member_not_present_cannot_be_proposed()
    {
        var designation = new PresidentDesignation();

        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.Propose(A, StrangerId(), Present));

        Assert.Equal("R9", ex.RuleId);
        Assert.Equal("Le président doit être choisi parmi les membres présents.", ex.Message);
        Assert.Null(designation.ProposedPresidentId);
    }

    [Fact]
    public void R9_A_member_not_present_cannot_accept()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);

        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.Accept(StrangerId(), Present));

        Assert.Equal("R9", ex.RuleId);
        Assert.DoesNotContain(StrangerId(), designation.Acceptances);
    }

    [Fact]
    public void R9_Accepting_without_a_proposal_is_refused()
    {
        var designation = new PresidentDesignation();

        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.Accept(A, Present));

        Assert.Equal("R9", ex.RuleId);
        Assert.Empty(designation.AwaitedFrom(Present));
    }

    [Fact]
    public void R9_A_new_proposal_replaces_the_earlier_one_and_clears_its_acceptances()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);
        designation.Accept(B, Present);

        designation.Propose(C, A, Present);

        Assert.Equal(A, designation.ProposedPresidentId);
        Assert.Equal(C, designation.ProposedBy);
        Assert.Equal(new HashSet<Guid> { C }, designation.Acceptances);
        Assert.Equal([A, B], designation.AwaitedFrom(Present));
        Assert.False(designation.IsDesignated);
    }

    [Fact]
    public void R9_Designation_completes_when_the_only_non_accepting_member_leaves()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);
        designation.Accept(B, Present);

        var completed = designation.Complete([A, B]);

        Assert.True(completed);
        Assert.Equal(B, designation.PresidentId);
    }

    [Fact]
    public void R9_Designation_does_not_complete_when_the_proposed_president_left()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);
        designation.Accept(C, Present);

        var completed = designation.Complete([A, C]);

        Assert.False(completed);
        Assert.False(designation.IsDesignated);
    }

    [Fact]
    public void R9_Complete_reports_false_when_already_designated()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, A, [A]);

        Assert.False(designation.Complete([A]));
        Assert.Equal(A, designation.PresidentId);
    }

    [Fact]
    public void R9_No_proposal_nor_acceptance_after_designation()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);
        designation.Accept(B, Present);
        designation.Accept(C, Present);

        var propose = Assert.Throws<BusinessRuleValidationException>(() => designation.Propose(C, C, Present));
        var accept = Assert.Throws<BusinessRuleValidationException>(() => designation.Accept(C, Present));

        Assert.Equal("R9", propose.RuleId);
        Assert.Equal("Le président de séance est déjà désigné.", propose.Message);
        Assert.Equal("R9", accept.RuleId);
        Assert.Equal(B, designation.PresidentId);
    }

    [Fact]
    public void R9_A_designation_restored_with_its_president_refuses_a_new_proposal()
    {
        var designation = new PresidentDesignation(designatedPresidentId: B);

        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.Propose(A, C, Present));

        Assert.True(designation.IsDesignated);
        Assert.Equal(B, designation.PresidentId);
        Assert.Equal("R9", ex.RuleId);
        Assert.Equal("Le président de séance est déjà désigné.", ex.Message);
        Assert.Null(designation.ProposedPresidentId);
    }

    [Fact]
    public void R9_Session_wide_presidency_actions_are_reserved_to_the_president()
    {
        var designation = new PresidentDesignation(designatedPresidentId: B);

        designation.EnsurePresident(B);
        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.EnsurePresident(A));

        Assert.Equal("R9", ex.RuleId);
        Assert.IsType<ActionReservedToThePresidentRule>(ex.Rule);
        Assert.Equal("Cette action est réservée au président de séance.", ex.Message);
    }

    [Fact]
    public void R9_Before_the_designation_presidency_actions_are_refused_to_everyone()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);

        var ex = Assert.Throws<BusinessRuleValidationException>(() => designation.EnsurePresident(B));

        Assert.Equal("Aucun président n'a encore été désigné : cette action lui est réservée.", ex.Message);
    }

    [Fact]
    public void R9_A_pending_designation_rebuilt_from_stored_facts_keeps_its_acceptances_and_completes_with_those_present()
    {
        var designation = PresidentDesignation.Pending(A, B, [C]);

        Assert.False(designation.IsDesignated);
        Assert.Equal(B, designation.ProposedPresidentId);
        Assert.Equal(new HashSet<Guid> { A, C }, designation.Acceptances);
        Assert.Equal([B], designation.AwaitedFrom(Present));
        Assert.False(designation.Complete(Present));
        designation.Accept(B, Present);
        Assert.Equal(B, designation.PresidentId);
    }

    [Fact]
    public void R9_Checking_an_acceptance_changes_nothing_and_refuses_what_accepting_would()
    {
        var designation = new PresidentDesignation();
        designation.Propose(A, B, Present);

        designation.EnsureMayAccept(C, Present);
        var absent = Assert.Throws<BusinessRuleValidationException>(() => designation.EnsureMayAccept(StrangerId(), Present));

        Assert.Equal(new HashSet<Guid> { A }, designation.Acceptances);
        Assert.IsType<OnlyPresentMembersDesignateRule>(absent.Rule);
        Assert.Equal("Seul un membre présent peut accepter la proposition.", absent.Message);
    }
}
