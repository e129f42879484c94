using CqpJury.Domain.Juries;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Juries;

public class PanelTests
{
    [Fact]
    public void R10_Without_conflict_the_panel_is_every_present_member()
    {
        var present = Jury221();

        var panel = Panel.For(present, []);

        Assert.Equal(present, panel.Members);
        Assert.Empty(panel.Recused);
        Assert.Empty(panel.StoodAside);
        Assert.True(panel.IsValid);
    }

    [Fact]
    public void R10_A_member_in_conflict_of_interest_is_removed_from_the_panel_and_listed_as_recused()
    {
        var present = Jury221();
        var conflicted = Employee(1);

        var panel = Panel.For(present, [conflicted.Id]);

        Assert.DoesNotContain(conflicted, panel.Members);
        Assert.False(panel.Contains(conflicted.Id));
        Assert.Equal([conflicted], panel.Recused);
        Assert.Empty(panel.StoodAside);
        Assert.Equal(4, panel.Members.Count);
    }

    [Fact]
    public void R10_A_member_standing_aside_is_removed_and_listed_as_stood_aside()
    {
        var present = Jury221();

        var panel = Panel.For(present, [Employee(1).Id], [Employer(0).Id]);

        Assert.Equal([Employee(1)], panel.Recused);
        Assert.Equal([Employer(0)], panel.StoodAside);
        Assert.Equal([Employee(0), Employer(1), Expert(0)], panel.Members);
        Assert.True(panel.IsValid);
    }

    [Fact]
    public void R10_A_conflicted_member_also_asked_to_stand_aside_is_listed_only_as_recused()
    {
        var panel = Panel.For(Jury221(), [Employee(0).Id], [Employee(0).Id]);

        Assert.Equal([Employee(0)], panel.Recused);
        Assert.Empty(panel.StoodAside);
    }

    [Fact]
    public void R10_Conflicts_of_members_not_present_are_ignored()
    {
        var panel = Panel.For(Jury111(), [StrangerId()], [StrangerId(1)]);

        Assert.Equal(Jury111(), panel.Members);
        Assert.Empty(panel.Recused);
        Assert.Empty(panel.StoodAside);
    }

    [Fact]
    public void R10_2_IsExcluded_holds_for_recused_and_stood_aside_members_only()
    {
        var panel = Panel.For(Jury221(), [Employee(1).Id], [Employer(1).Id]);

        Assert.True(panel.IsExcluded(Employee(1).Id));
        Assert.True(panel.IsExcluded(Employer(1).Id));
        Assert.False(panel.IsExcluded(Employee(0).Id));
        Assert.False(panel.IsExcluded(Expert(0).Id));
        Assert.False(panel.IsExcluded(StrangerId()));
    }

    [Fact]
    public void R10_1_A_panel_broken_by_a_recusal_is_invalid_with_findings_naming_the_deliberating_group()
    {
        var panel = Panel.For(Jury221(), [Employee(0).Id]);

        Assert.False(panel.IsValid);
        var finding = Assert.Single(panel.Findings);
        Assert.Equal("R8", finding.RuleId);
        Assert.StartsWith("Le collège délibérant n'est pas paritaire", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R10_MemberIds_are_the_ids_of_the_panel_members()
    {
        var panel = Panel.For(Jury221(), [Expert(0).Id]);

        Assert.Equal(
            new HashSet<Guid> { Employee(0).Id, Employee(1).Id, Employer(0).Id, Employer(1).Id },
            panel.MemberIds);
    }
}
