using CqpJury.Domain.Juries;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Juries;

public class JuryCompositionTests
{
    [Fact]
    public void R8_One_plus_one_plus_one_is_a_valid_jury()
    {
        Assert.Empty(JuryComposition.Check(Jury111()));
        Assert.True(JuryComposition.IsValid(Jury111()));
    }

    [Fact]
    public void R8_Two_plus_two_plus_one_is_a_valid_jury()
    {
        Assert.Empty(JuryComposition.Check(Jury221()));
        Assert.True(JuryComposition.IsValid(Jury221()));
    }

    [Fact]
    public void R8_Two_employees_one_employer_and_the_expert_is_not_paritaire()
    {
        var findings = JuryComposition.Check(Jury(2, 1, 1));

        var finding = Assert.Single(findings);
        Assert.Equal("R8", finding.RuleId);
        Assert.Equal(
            "Le jury n'est pas paritaire : 2 représentant(s) du collège salariés pour 1 du collège entreprises.",
            finding.Message);
        Assert.False(JuryComposition.IsValid(Jury(2, 1, 1)));
    }

    [Fact]
    public void R8_One_employee_two_employers_and_the_expert_is_not_paritaire()
    {
        var finding = Assert.Single(JuryComposition.Check(Jury(1, 2, 1)));

        Assert.Equal("R8", finding.RuleId);
        Assert.Contains("n'est pas paritaire", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R8_A_jury_without_expert_is_refused()
    {
        var finding = Assert.Single(JuryComposition.Check(Jury(1, 1, 0)));

        Assert.Equal("R8", finding.RuleId);
        Assert.Equal("Le jury doit comprendre un expert métier.", finding.Message);
    }

    [Fact]
    public void R8_A_jury_with_two_experts_is_refused()
    {
        var finding = Assert.Single(JuryComposition.Check(Jury(1, 1, 2)));

        Assert.Equal("R8", finding.RuleId);
        Assert.Equal("Le jury ne peut comprendre qu'un seul expert métier (2 présents).", finding.Message);
    }

    [Fact]
    public void R8_Three_plus_three_plus_one_has_too_many_members_per_college()
    {
        var finding = Assert.Single(JuryComposition.Check(Jury(3, 3, 1)));

        Assert.Equal("R8", finding.RuleId);
        Assert.Equal("Le jury comprend au plus 2 représentants par collège.", finding.Message);
    }

    [Fact]
    public void R8_An_empty_jury_lacks_the_expert_and_both_colleges()
    {
        var findings = JuryComposition.Check([]);

        Assert.All(findings, f => Assert.Equal("R8", f.RuleId));
        Assert.Equal(
            [
                "Le jury doit comprendre un expert métier.",
                "Le jury doit comprendre au moins un représentant du collège salariés.",
                "Le jury doit comprendre au moins un représentant du collège entreprises.",
            ],
            findings.Select(f => f.Message));
    }

    [Fact]
    public void R8_A_jury_without_employers_lacks_the_employers_college_and_is_not_reported_as_imparitaire()
    {
        var finding = Assert.Single(JuryComposition.Check(Jury(2, 0, 1)));

        Assert.Equal("Le jury doit comprendre au moins un représentant du collège entreprises.", finding.Message);
    }

    [Fact]
    public void R8_A_member_listed_twice_is_counted_once()
    {
        var employee = Employee();
        IReadOnlyList<JuryMember> members = [employee, employee, Employer(), Expert()];

        Assert.True(JuryComposition.IsValid(members));
    }

    [Fact]
    public void R8_Messages_name_the_group_they_are_about()
    {
        var finding = Assert.Single(JuryComposition.Check(Jury(1, 1, 0), "Le collège délibérant"));

        Assert.Equal("Le collège délibérant doit comprendre un expert métier.", finding.Message);
    }

    [Theory]
    [InlineData(1, 1, 1, true)]
    [InlineData(2, 2, 1, true)]
    [InlineData(0, 0, 1, false)]
    [InlineData(1, 0, 1, false)]
    [InlineData(0, 1, 1, false)]
    [InlineData(2, 1, 1, false)]
    [InlineData(1, 2, 1, false)]
    [InlineData(2, 2, 0, false)]
    [InlineData(2, 2, 2, false)]
    [InlineData(3, 3, 1, false)]
    [InlineData(3, 2, 1, false)]
    public void R8_Only_1_1_1_and_2_2_1_are_valid(int employees, int employers, int experts, bool expected)
    {
        Assert.Equal(expected, JuryComposition.IsValid(Jury(employees, employers, experts)));
    }
}
