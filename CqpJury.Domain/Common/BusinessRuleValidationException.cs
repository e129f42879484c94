namespace CqpJury.Domain.Common;

/// <summary>
/// An ordinary user mistake refused by a domain rule. <see cref="Exception.Message"/> is French
/// and meant for the user; the UI shows it, never a stack trace.
/// </summary>
public class BusinessRuleValidationException : Exception
{
    public BusinessRuleValidationException(IBusinessRule rule)
        : base(rule?.Message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RuleId = rule.RuleId;
        Rule = rule;
    }

    public BusinessRuleValidationException(string ruleId, string message)
        : base(message)
    {
        RuleId = ruleId;
    }

    public BusinessRuleValidationException()
        : this("?", "Règle métier non respectée.")
    {
    }

    public BusinessRuleValidationException(string message)
        : this("?", message)
    {
    }

    public BusinessRuleValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        RuleId = "?";
    }

    public string RuleId { get; }

    /// <summary>The broken rule, when the refusal came from a named rule class (lets the app tell a refusal from an ordinary mistake).</summary>
    public IBusinessRule? Rule { get; }

    public Finding ToFinding() => new(RuleId, Message);
}
