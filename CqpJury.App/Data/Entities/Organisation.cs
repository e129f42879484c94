namespace CqpJury.App.Data.Entities;

public enum OrganisationKind
{
    /// <summary>entreprise (employeur)</summary>
    Employer,

    /// <summary>organisme de formation</summary>
    TrainingOrganisation,
}

/// <summary>An employer or a training organisation, with its SIRET where known.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public OrganisationKind Kind { get; set; }

    /// <summary>14 digits when known.</summary>
    public string? Siret { get; set; }

    public string? City { get; set; }

    /// <summary>The organisation's contact e-mail: for an employer, where the decision sheet goes (R14) unless a dossier overrides it.</summary>
    public string? ContactEmail { get; set; }
}
