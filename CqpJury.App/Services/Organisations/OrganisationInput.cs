using CqpJury.App.Data.Entities;

namespace CqpJury.App.Services.Organisations;

/// <summary>What the secretariat types for an employer or a training organisation (validated by <see cref="OrganisationService"/>).</summary>
public sealed class OrganisationInput
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Null until chosen.</summary>
    public OrganisationKind? Kind { get; set; }

    /// <summary>Optional; 14 digits, spaces tolerated.</summary>
    public string? Siret { get; set; }

    public string? City { get; set; }

    /// <summary>Optional; an employer's address for the decision sheets of its employees (R14).</summary>
    public string? ContactEmail { get; set; }
}

/// <summary>One organisation as the lists show it.</summary>
public sealed record OrganisationView(Guid Id, string Name, OrganisationKind Kind, string? Siret, string? City, string? ContactEmail = null)
{
    public string KindText => Kind.ToFrench();

    /// <summary>"123 456 789 00012" for reading; empty when unknown.</summary>
    public string SiretText => Siret is { Length: 14 } s ? $"{s[..3]} {s[3..6]} {s[6..9]} {s[9..]}" : Siret ?? string.Empty;
}

public static class OrganisationKindText
{
    public static string ToFrench(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Employer => "Entreprise",
        OrganisationKind.TrainingOrganisation => "Organisme de formation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
