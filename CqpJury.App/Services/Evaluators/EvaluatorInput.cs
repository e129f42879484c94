using CqpJury.Domain.Dossiers;

namespace CqpJury.App.Services.Evaluators;

/// <summary>What the secretariat types for an evaluator and their habilitation (R7).</summary>
public sealed class EvaluatorInput
{
    public string LastName { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    /// <summary>Optional.</summary>
    public string? Email { get; set; }

    /// <summary>Null until chosen.</summary>
    public EvaluatorRole? Role { get; set; }

    /// <summary>Required.</summary>
    public DateOnly? HabilitatedFrom { get; set; }

    /// <summary>Optional (open-ended habilitation); not before <see cref="HabilitatedFrom"/>.</summary>
    public DateOnly? HabilitatedUntil { get; set; }
}

/// <summary>R7 as of a date: is the evaluator habilitated by the CPEF?</summary>
public enum HabilitationStatus
{
    Valid,
    Expired,
    NotYetValid,
}

public static class HabilitationStatusText
{
    public static string ToFrench(this HabilitationStatus status) => status switch
    {
        HabilitationStatus.Valid => "Habilitation valide",
        HabilitationStatus.Expired => "Habilitation expirée",
        HabilitationStatus.NotYetValid => "Pas encore habilité",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

/// <summary>One evaluator as the list shows them, with their habilitation status as of <c>today</c>.</summary>
public sealed record EvaluatorView(
    Guid Id,
    string LastName,
    string FirstName,
    string? Email,
    EvaluatorRole Role,
    DateOnly? HabilitatedFrom,
    DateOnly? HabilitatedUntil,
    HabilitationStatus Status)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}
