namespace CqpJury.Domain.Outcomes;

/// <summary>R4: the three possible decisions on a dossier.</summary>
public enum DecisionOutcome
{
    /// <summary>délivrance du CQP: every competence validated or still held.</summary>
    Awarded,

    /// <summary>validation partielle: at least one, but not all.</summary>
    PartiallyValidated,

    /// <summary>non validation: none.</summary>
    NotValidated,
}

public static class DecisionOutcomeText
{
    public static string ToFrench(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Awarded => "Délivrance du CQP",
        DecisionOutcome.PartiallyValidated => "Validation partielle",
        DecisionOutcome.NotValidated => "Non validation",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
