namespace CqpJury.Domain.Dossiers;

/// <summary>R7: the two evaluator roles.</summary>
public enum EvaluatorRole
{
    /// <summary>professionnel du secteur</summary>
    SectorProfessional,

    /// <summary>évaluateur externe</summary>
    ExternalAssessor,
}

/// <summary>An evaluator and their CPEF habilitation (R7): from a date, until a date when it ends.</summary>
public sealed record Evaluator(string Name, EvaluatorRole Role, DateOnly? HabilitatedFrom, DateOnly? HabilitatedUntil)
{
    /// <summary>R7: habilitated by the CPEF on <paramref name="date"/>.</summary>
    public bool IsHabilitatedOn(DateOnly date) =>
        HabilitatedFrom is { } from && from <= date && (HabilitatedUntil is not { } until || date <= until);
}

public static class EvaluatorRoleText
{
    public static string ToFrench(this EvaluatorRole role) => role switch
    {
        EvaluatorRole.SectorProfessional => "Professionnel du secteur",
        EvaluatorRole.ExternalAssessor => "Évaluateur externe",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>"le professionnel du secteur" / "l'évaluateur externe".</summary>
    public static string WithDefiniteArticle(this EvaluatorRole role) => role switch
    {
        EvaluatorRole.SectorProfessional => "le professionnel du secteur",
        EvaluatorRole.ExternalAssessor => "l'évaluateur externe",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
