namespace CqpJury.Domain.Outcomes;

/// <summary>How one competence stands after a decision.</summary>
public enum CompetenceStanding
{
    /// <summary>Validated by this decision.</summary>
    ValidatedNow,

    /// <summary>Held from an earlier partial validation still within five years (R4.1, R4.2).</summary>
    StillHeld,

    /// <summary>Not validated.</summary>
    NotValidated,
}

/// <summary>One competence's standing, and until when it is held when it is.</summary>
public sealed record CompetenceResult(string CompetenceCode, CompetenceStanding Standing, DateOnly? ValidUntil)
{
    public bool IsValidated => Standing != CompetenceStanding.NotValidated;
}

/// <summary>The outcome of a decision, competence by competence (R4, R4.1).</summary>
public sealed record OutcomeResult(DecisionOutcome Outcome, IReadOnlyList<CompetenceResult> Competences)
{
    /// <summary>Competences validated by this decision (to store as new acquisitions, R4.1).</summary>
    public IReadOnlyList<CompetenceAcquisition> NewAcquisitions(DateOnly decisionDate) =>
        Competences.Where(c => c.Standing == CompetenceStanding.ValidatedNow)
            .Select(c => new CompetenceAcquisition(c.CompetenceCode, decisionDate))
            .ToList();

    public CompetenceResult For(string competenceCode) =>
        Competences.First(c => string.Equals(c.CompetenceCode, competenceCode, StringComparison.Ordinal));
}
