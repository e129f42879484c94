using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Referential;

namespace CqpJury.Tests.Domain.Deliberations;

public class DecisionRuleEvaluatorTests
{
    [Theory]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    [InlineData(5, 0, false)]
    [InlineData(5, 3, false)]
    [InlineData(5, 4, false)]
    [InlineData(5, 5, true)]
    [InlineData(0, 0, false)]
    public void R11_Unanimity_is_met_only_when_every_panel_member_approved(int panelSize, int approvals, bool expected)
    {
        Assert.Equal(expected, DecisionRuleEvaluator.IsMet(DecisionRule.Unanimity, panelSize, approvals));
    }

    [Theory]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, true)]
    [InlineData(3, 3, true)]
    [InlineData(5, 2, false)]
    [InlineData(5, 3, true)]
    [InlineData(5, 5, true)]
    [InlineData(4, 2, false)]
    [InlineData(4, 3, true)]
    [InlineData(0, 0, false)]
    public void R11_Absolute_majority_is_met_when_more_than_half_the_panel_approved(int panelSize, int approvals, bool expected)
    {
        Assert.Equal(expected, DecisionRuleEvaluator.IsMet(DecisionRule.AbsoluteMajority, panelSize, approvals));
    }

    [Theory]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, true)]
    [InlineData(3, 3, true)]
    [InlineData(5, 0, false)]
    [InlineData(5, 1, true)]
    public void R11_Under_unanimity_one_objection_defeats_the_round(int panelSize, int objections, bool expected)
    {
        Assert.Equal(expected, DecisionRuleEvaluator.IsDefeated(DecisionRule.Unanimity, panelSize, objections));
    }

    [Theory]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, true)]
    [InlineData(3, 3, true)]
    [InlineData(5, 2, false)]
    [InlineData(5, 3, true)]
    [InlineData(4, 1, false)]
    [InlineData(4, 2, true)]
    public void R11_Under_absolute_majority_the_round_is_defeated_when_a_majority_can_no_longer_approve(int panelSize, int objections, bool expected)
    {
        Assert.Equal(expected, DecisionRuleEvaluator.IsDefeated(DecisionRule.AbsoluteMajority, panelSize, objections));
    }

    [Theory]
    [InlineData(DecisionRule.Unanimity, 3)]
    [InlineData(DecisionRule.Unanimity, 5)]
    [InlineData(DecisionRule.AbsoluteMajority, 3)]
    [InlineData(DecisionRule.AbsoluteMajority, 5)]
    public void R11_A_round_is_never_both_met_and_defeated(DecisionRule rule, int panelSize)
    {
        for (var approvals = 0; approvals <= panelSize; approvals++)
        {
            for (var objections = 0; objections + approvals <= panelSize; objections++)
            {
                Assert.False(
                    DecisionRuleEvaluator.IsMet(rule, panelSize, approvals) && DecisionRuleEvaluator.IsDefeated(rule, panelSize, objections),
                    $"{rule} {panelSize} : {approvals} pour, {objections} contre");
            }
        }
    }

    [Fact]
    public void R11_Decision_rules_are_named_in_French()
    {
        Assert.Equal("unanimité des membres du collège délibérant", DecisionRule.Unanimity.ToFrench());
        Assert.Equal("majorité absolue des membres du collège délibérant", DecisionRule.AbsoluteMajority.ToFrench());
    }
}
