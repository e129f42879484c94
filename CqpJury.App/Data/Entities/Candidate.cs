namespace CqpJury.App.Data.Entities;

/// <summary>A candidate to a CQP (confidential, R16).</summary>
public sealed class Candidate
{
    public Guid Id { get; set; }

    public string LastName { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public DateOnly? BirthDate { get; set; }

    /// <summary>Where the decision is sent (R14, R17); without it the decision is handed over or posted.</summary>
    public string? Email { get; set; }

    /// <summary>When the candidate's identity was erased (retention or a request, R16); null while they are identified.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>Where paper goes (R15); null when not known.</summary>
    public PostalAddress? PostalAddress { get; set; }

    public List<DossierEntity> Dossiers { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>"NOM Prénom", as on official forms.</summary>
    public string OfficialName => $"{LastName.ToUpperInvariant()} {FirstName}".Trim();
}
