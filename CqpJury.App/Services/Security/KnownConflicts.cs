using CqpJury.App.Data.Entities;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Security;

/// <summary>
/// R10: conflicts of interest known to the secretariat, for stored members and dossiers. The rule
/// is <see cref="KnownConflictOfInterest"/> in the domain; this maps the entities to its values.
/// </summary>
public static class KnownConflicts
{
    /// <summary>The reasons (French) why <paramref name="member"/> is in conflict for <paramref name="dossier"/>; empty if none known.</summary>
    public static IReadOnlyList<string> Reasons(JuryMemberEntity member, DossierEntity dossier)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(dossier);
        return KnownConflictOfInterest.Reasons(Ties(member), Organisations(dossier));
    }

    public static bool Exists(JuryMemberEntity member, DossierEntity dossier) => Reasons(member, dossier).Count > 0;

    private static MemberTies Ties(JuryMemberEntity member) =>
        new(member.FullName, member.OrganisationId, member.Links.Select(l => new DeclaredLink(l.OrganisationId, l.Description)).ToList());

    private static CandidateOrganisations Organisations(DossierEntity dossier) => new(
        dossier.EmployerId is { } employer ? new OrganisationRef(employer, dossier.Employer?.Name) : null,
        dossier.TrainingOrganisationId is { } training ? new OrganisationRef(training, dossier.TrainingOrganisation?.Name) : null);
}
