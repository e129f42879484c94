using CqpJury.Domain.Juries;

namespace CqpJury.Tests.Domain.Juries;

/// <summary>R10: conflicts of interest known to the secretariat, computed on domain values.</summary>
public class KnownConflictOfInterestTests
{
    private static readonly OrganisationRef Company = new(new Guid(1, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]), "Formapro SARL");
    private static readonly OrganisationRef School = new(new Guid(2, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]), "Institut Delta");
    private static readonly Guid Elsewhere = new(3, 0, 0, [0, 0, 0, 0, 0, 0, 0, 3]);
    private static readonly CandidateOrganisations Dossier = new(Company, School);

    private static MemberTies Member(Guid? organisationId = null, params DeclaredLink[] links) => new("Karim Benali", organisationId, links);

    [Fact]
    public void R10_A_member_without_any_tie_to_the_dossier_has_no_known_conflict()
    {
        var member = Member(Elsewhere, new DeclaredLink(Elsewhere, "Ancien salarié"));

        Assert.Empty(KnownConflictOfInterest.Reasons(member, Dossier));
        Assert.False(KnownConflictOfInterest.Exists(member, Dossier));
    }

    [Fact]
    public void R10_A_member_of_the_candidates_company_is_in_conflict()
    {
        var reasons = KnownConflictOfInterest.Reasons(Member(Company.Id), Dossier);

        Assert.Equal(["Karim Benali appartient à l'entreprise du candidat (Formapro SARL)."], reasons);
    }

    [Fact]
    public void R10_A_member_of_the_candidates_training_organisation_is_in_conflict()
    {
        var reasons = KnownConflictOfInterest.Reasons(Member(School.Id), Dossier);

        Assert.Equal(["Karim Benali appartient à l'organisme de formation du candidat (Institut Delta)."], reasons);
    }

    [Fact]
    public void R10_Every_declared_link_with_either_organisation_is_a_reason_with_its_description()
    {
        var member = Member(null, new DeclaredLink(Company.Id, "Administrateur"), new DeclaredLink(School.Id, "  "), new DeclaredLink(Elsewhere, null));

        var reasons = KnownConflictOfInterest.Reasons(member, Dossier);

        Assert.Equal(
            [
                "Karim Benali a un lien déclaré avec l'entreprise du candidat (Formapro SARL) : Administrateur.",
                "Karim Benali a un lien déclaré avec l'organisme de formation du candidat (Institut Delta).",
            ],
            reasons);
        Assert.True(KnownConflictOfInterest.Exists(member, Dossier));
    }

    [Fact]
    public void R10_An_organisation_without_a_known_name_is_named_by_its_role()
    {
        var reasons = KnownConflictOfInterest.Reasons(Member(Company.Id), new CandidateOrganisations(Company with { Name = null }, null));

        Assert.Equal(["Karim Benali appartient à l'entreprise du candidat."], reasons);
    }

    [Fact]
    public void R10_A_candidate_without_employer_nor_training_organisation_raises_no_known_conflict()
    {
        Assert.Empty(KnownConflictOfInterest.Reasons(Member(Company.Id, new DeclaredLink(School.Id, null)), new CandidateOrganisations(null, null)));
    }
}
