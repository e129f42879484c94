namespace CqpJury.Domain.Common;

/// <summary>A named rule; <see cref="Message"/> is what the user reads (French) when it is broken.</summary>
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
