namespace CqpJury.Domain.Common;

/// <summary>
/// One observation made by a rule: the rule id it comes from (e.g. "R8") and the French
/// message a user reads. Checks return findings rather than a bool so the UI can show why.
/// </summary>
public sealed record Finding(string RuleId, string Message)
{
    public override string ToString() => $"{RuleId} : {Message}";
}
