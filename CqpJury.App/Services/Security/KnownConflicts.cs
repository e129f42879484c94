using CqpJury.App.Data.Entities;

namespace CqpJury.App.Services.Security;

/// <summary>
/// R10: conflicts of interest known to the secretariat before the session: a member whose
/// organisation is the candidate's employer or training organisation, or who has a recorded
/// link with either. These are pre-filled in the room and cannot be cleared by the member.
/// </summary>
public static class KnownConflicts
{
    /// <summary>The reasons (French) why <paramref name="member"/> is in conflict for <paramref name="dossier"/>; empty if none known.</summary>
    public static IReadOnlyList<string> Reasons(JuryMemberEntity member, DossierEntity dossier)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(dossier);
        var organisations = new List<(Guid Id, string Role, string? Name)>();
        if (dossier.EmployerId is { } employerId)
        {
            organisations.Add((employerId, "l'entreprise du candidat", dossier.Employer?.Name));
        }

        if (dossier.TrainingOrganisationId is { } trainingId)
        {
            organisations.Add((trainingId, "l'organisme de formation du candidat", dossier.TrainingOrganisation?.Name));
        }

        var reasons = new List<string>();
        foreach (var (id, role, name) in organisations)
        {
            var label = name is null ? role : $"{role} ({name})";
            if (member.OrganisationId == id)
            {
                reasons.Add($"{member.FullName} appartient à {label}.");
            }

            foreach (var link in member.Links.Where(l => l.OrganisationId == id))
            {
                reasons.Add(string.IsNullOrWhiteSpace(link.Description)
                    ? $"{member.FullName} a un lien déclaré avec {label}."
                    : $"{member.FullName} a un lien déclaré avec {label} : {link.Description}.");
            }
        }

        return reasons;
    }

    public static bool Exists(JuryMemberEntity member, DossierEntity dossier) => Reasons(member, dossier).Count > 0;
}
