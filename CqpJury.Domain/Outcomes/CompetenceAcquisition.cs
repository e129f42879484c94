namespace CqpJury.Domain.Outcomes;

/// <summary>
/// R4.1: a competence validated by a jury on <see cref="ValidatedOn"/> stays held for five years
/// from that decision date. <see cref="ValidUntil"/> is the last day it is held (inclusive).
/// </summary>
public sealed record CompetenceAcquisition(string CompetenceCode, DateOnly ValidatedOn)
{
    /// <summary>R4.1: five years.</summary>
    public const int ValidityYears = 5;

    /// <summary>
    /// Last day the competence is held: the day before the fifth anniversary of the decision
    /// (a decision of 27/11/2026 holds until 26/11/2031 inclusive).
    /// </summary>
    public DateOnly ValidUntil => LastDayHeld(ValidatedOn);

    /// <summary>R4.1: the last day a decision of <paramref name="decidedOn"/> counts (inclusive).</summary>
    public static DateOnly LastDayHeld(DateOnly decidedOn) => decidedOn.AddYears(ValidityYears).AddDays(-1);

    /// <summary>R4.2: on <paramref name="asOf"/>, is the competence still held?</summary>
    public bool IsHeldOn(DateOnly asOf) => asOf >= ValidatedOn && asOf <= ValidUntil;
}
