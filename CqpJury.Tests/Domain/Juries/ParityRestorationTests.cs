using CqpJury.Domain.Juries;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Juries;

public class ParityRestorationTests
{
    [Fact]
    public void R10_1_Without_conflict_a_valid_jury_gives_a_valid_panel_and_no_proposal()
    {
        var assessment = ParityRestoration.Assess(Jury221(), []);

        Assert.True(assessment.IsValid);
        Assert.Empty(assessment.Findings);
        Assert.Empty(assessment.Proposals);
        Assert.False(assessment.MustPostpone);
        Assert.Equal(5, assessment.Panel.Members.Count);
    }

    [Fact]
    public void R10_1_Recusal_of_one_employee_rep_in_2_2_1_asks_one_employer_rep_to_stand_aside()
    {
        var assessment = ParityRestoration.Assess(Jury221(), [Employee(1).Id]);

        Assert.False(assessment.IsValid);
        Assert.False(assessment.MustPostpone);
        Assert.Equal([Employer(0), Employer(1)], assessment.Proposals.Select(p => p.Member));
        foreach (var proposal in assessment.Proposals)
        {
            Assert.True(proposal.ResultingPanel.IsValid);
            Assert.Equal(3, proposal.ResultingPanel.Members.Count);
            Assert.DoesNotContain(proposal.Member, proposal.ResultingPanel.Members);
            Assert.Equal([proposal.Member], proposal.ResultingPanel.StoodAside);
            Assert.Equal([Employee(1)], proposal.ResultingPanel.Recused);
        }

        Assert.Contains(assessment.Findings, f => f.RuleId == "R10.1" &&
            f.Message == "La parité peut être rétablie si un membre du collège en surnombre se retire pour ce dossier.");
    }

    [Fact]
    public void R10_1_Recusal_of_one_employer_rep_in_2_2_1_asks_one_employee_rep_to_stand_aside()
    {
        var assessment = ParityRestoration.Assess(Jury221(), [Employer(0).Id]);

        Assert.Equal([Employee(0), Employee(1)], assessment.Proposals.Select(p => p.Member));
        Assert.False(assessment.MustPostpone);
    }

    [Fact]
    public void R10_1_A_stand_aside_proposal_describes_the_member_in_French()
    {
        var assessment = ParityRestoration.Assess(Jury221(), [Employee(1).Id]);

        Assert.Equal(
            "Employeur 1 (collège entreprises) se retire pour ce dossier afin de rétablir la parité.",
            assessment.Proposals[0].Description);
    }

    [Fact]
    public void R10_1_Accepting_a_stand_aside_proposal_gives_a_valid_panel()
    {
        var proposal = ParityRestoration.Assess(Jury221(), [Employee(1).Id]).Proposals[1];

        var reassessed = ParityRestoration.Assess(Jury221(), [Employee(1).Id], [proposal.Member.Id]);

        Assert.True(reassessed.IsValid);
        Assert.False(reassessed.MustPostpone);
        Assert.Equal(proposal.ResultingPanel.Members, reassessed.Panel.Members);
    }

    [Fact]
    public void R10_1_Recusal_of_the_expert_postpones_the_dossier()
    {
        var assessment = ParityRestoration.Assess(Jury221(), [Expert(0).Id]);

        Assert.True(assessment.MustPostpone);
        Assert.Empty(assessment.Proposals);
        Assert.Contains(assessment.Findings, f => f.RuleId == "R10.1" &&
            f.Message == "L'expert métier est absent ou en conflit d'intérêts : le dossier doit être ajourné.");
        Assert.Contains(assessment.Findings, f => f.RuleId == "R8");
    }

    [Fact]
    public void R10_1_Absence_of_the_expert_postpones_the_dossier()
    {
        var assessment = ParityRestoration.Assess(Jury(2, 2, 0), []);

        Assert.True(assessment.MustPostpone);
        Assert.Empty(assessment.Proposals);
    }

    [Fact]
    public void R10_1_In_1_1_1_the_recusal_of_a_college_rep_postpones_the_dossier()
    {
        var assessment = ParityRestoration.Assess(Jury111(), [Employee(0).Id]);

        Assert.True(assessment.MustPostpone);
        Assert.Empty(assessment.Proposals);
        Assert.Contains(assessment.Findings, f => f.RuleId == "R10.1" &&
            f.Message == "La parité ne peut pas être rétablie pour ce dossier : il doit être ajourné.");
    }

    [Fact]
    public void R10_1_Recusal_of_both_employee_reps_in_2_2_1_postpones_the_dossier()
    {
        var assessment = ParityRestoration.Assess(Jury221(), [Employee(0).Id, Employee(1).Id]);

        Assert.True(assessment.MustPostpone);
        Assert.Empty(assessment.Proposals);
    }

    [Fact]
    public void R10_1_Recusal_of_one_rep_per_college_in_2_2_1_leaves_a_valid_1_1_1_panel()
    {
        var assessment = ParityRestoration.Assess(Jury221(), [Employee(0).Id, Employer(1).Id]);

        Assert.True(assessment.IsValid);
        Assert.False(assessment.MustPostpone);
        Assert.Equal([Employee(1), Employer(0), Expert(0)], assessment.Panel.Members);
    }

    [Fact]
    public void R10_1_A_surplus_of_two_cannot_be_cured_by_one_member_standing_aside()
    {
        var assessment = ParityRestoration.Assess(Jury(3, 1, 1), []);

        Assert.True(assessment.MustPostpone);
        Assert.Empty(assessment.Proposals);
    }

    [Fact]
    public void R10_1_Two_experts_present_cannot_be_cured_by_a_college_member_standing_aside()
    {
        var assessment = ParityRestoration.Assess(Jury(2, 1, 2), []);

        Assert.True(assessment.MustPostpone);
        Assert.Empty(assessment.Proposals);
    }
}
