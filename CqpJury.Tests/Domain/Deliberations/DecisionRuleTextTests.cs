using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;

namespace CqpJury.Tests.Domain.Deliberations;

/// <summary>R11: every text a user reads names the decision rule in force, from one place.</summary>
public class DecisionRuleTextTests
{
    [Theory]
    [InlineData(DecisionRule.Unanimity, "à l'unanimité")]
    [InlineData(DecisionRule.AbsoluteMajority, "à la majorité absolue")]
    public void R11_The_rule_in_force_is_named_in_French(DecisionRule rule, string manner)
    {
        Assert.Equal(manner, rule.Manner());
    }

    [Theory]
    [InlineData(DecisionRule.Unanimity, DecisionOutcome.Awarded, "Décision prise à l'unanimité : Délivrance du CQP")]
    [InlineData(DecisionRule.AbsoluteMajority, DecisionOutcome.PartiallyValidated, "Décision prise à la majorité absolue : Validation partielle")]
    public void R11_The_decision_announcement_names_the_rule_it_was_taken_under(DecisionRule rule, DecisionOutcome outcome, string expected)
    {
        Assert.Equal(expected, rule.DecisionTaken(outcome));
    }

    [Fact]
    public void R11_A_defeated_round_is_explained_with_the_rule_in_force()
    {
        Assert.StartsWith("Une objection empêche la décision à l'unanimité : ", DecisionRule.Unanimity.RoundDefeated(), StringComparison.Ordinal);
        Assert.StartsWith("Les objections empêchent la décision à la majorité absolue : ", DecisionRule.AbsoluteMajority.RoundDefeated(), StringComparison.Ordinal);
        Assert.DoesNotContain("unanimité", DecisionRule.AbsoluteMajority.RoundDefeated(), StringComparison.Ordinal);
    }

    [Fact]
    public void R11_No_wording_of_the_majority_rule_mentions_unanimity()
    {
        var rule = DecisionRule.AbsoluteMajority;
        foreach (var text in new[] { rule.ToFrench(), rule.Name(), rule.Manner(), rule.DecisionTaken(DecisionOutcome.NotValidated), rule.RoundDefeated() })
        {
            Assert.DoesNotContain("unanimit", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("majorité absolue", text, StringComparison.Ordinal);
        }
    }
}
