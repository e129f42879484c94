namespace CqpJury.Domain.Juries;

/// <summary>An organisation (company or training organisation) as the conflict rule sees it: who, and its name when known.</summary>
public sealed record OrganisationRef(Guid Id, string? Name);

/// <summary>A link a member declared with an organisation, as recorded by the secretariat (R10).</summary>
public sealed record DeclaredLink(Guid OrganisationId, string? Description);

/// <summary>What the secretariat knows of a member's ties (R10): the organisation they belong to, and their declared links.</summary>
public sealed record MemberTies(string MemberName, Guid? OrganisationId, IReadOnlyList<DeclaredLink> Links);

/// <summary>The organisations a candidate's dossier concerns (R10): the candidate's company and training organisation.</summary>
public sealed record CandidateOrganisations(OrganisationRef? Employer, OrganisationRef? TrainingOrganisation);

/// <summary>
/// R10: conflicts of interest known to the secretariat before the session: a member who belongs to
/// the candidate's company or training organisation, or who has a recorded link with either. The
/// room pre-fills them, and the member cannot clear them (a member's own declaration adds to them).
/// </summary>
public static class KnownConflictOfInterest
{
    /// <summary>Why (French, one sentence each) <paramref name="member"/> is known to be in conflict for a dossier; empty when none is known.</summary>
    public static IReadOnlyList<string> Reasons(MemberTies member, CandidateOrganisations dossier)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(dossier);
        var reasons = new List<string>();
        foreach (var (organisation, role) in new[]
                 {
                     (dossier.Employer, "l'entreprise du candidat"),
                     (dossier.TrainingOrganisation, "l'organisme de formation du candidat"),
                 })
        {
            if (organisation is null)
            {
                continue;
            }

            var label = organisation.Name is null ? role : $"{role} ({organisation.Name})";
            if (member.OrganisationId == organisation.Id)
            {
                reasons.Add($"{member.MemberName} appartient à {label}.");
            }

            foreach (var link in member.Links.Where(l => l.OrganisationId == organisation.Id))
            {
                reasons.Add(string.IsNullOrWhiteSpace(link.Description)
                    ? $"{member.MemberName} a un lien déclaré avec {label}."
                    : $"{member.MemberName} a un lien déclaré avec {label} : {link.Description}.");
            }
        }

        return reasons;
    }

    public static bool Exists(MemberTies member, CandidateOrganisations dossier) => Reasons(member, dossier).Count > 0;
}
