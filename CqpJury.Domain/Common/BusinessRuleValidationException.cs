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

    public Finding ToFinding() => new(RuleId, Message);
}
