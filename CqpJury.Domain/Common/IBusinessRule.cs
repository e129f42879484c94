namespace CqpJury.Domain.Common;

/// <summary>
/// A named rule (a small class whose name says the rule, e.g. <c>PanelMustBeParitaryRule</c>):
/// <see cref="RuleId"/> is its id in docs/rules.md, <see cref="Message"/> what the user reads
/// (French) when it is broken.
/// </summary>
public interface IBusinessRule
{
    string RuleId { get; }

    string Message { get; }

    bool IsBroken();
}

public static class BusinessRule
{
    /// <summary>Throws <see cref="BusinessRuleValidationException"/> when <paramref name="rule"/> is broken.</summary>
    public static void Check(IBusinessRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.IsBroken())
        {
            throw new BusinessRuleValidationException(rule);
        }
    }
}
