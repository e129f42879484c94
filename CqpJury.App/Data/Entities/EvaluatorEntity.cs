using CqpJury.Domain.Dossiers;

namespace CqpJury.App.Data.Entities;

/// <summary>An evaluator habilitated by the CPEF (R7).</summary>
public sealed class EvaluatorEntity
{
    public Guid Id { get; set; }

    public string LastName { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string? Email { get; set; }

    public EvaluatorRole Role { get; set; }

    public DateOnly? HabilitatedFrom { get; set; }

    public DateOnly? HabilitatedUntil { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    public Evaluator ToDomain() => new(FullName, Role, HabilitatedFrom, HabilitatedUntil);
}
