using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Services.Room;

/// <summary>
/// A reload keeps the content already shown only when it is the same, value by value: any change the
/// secretariat can make (a name, a grid's element, a document) gives the new content.
/// </summary>
public sealed class SharedDossierContentsTests
{
    public static TheoryData<string> Changes() =>
    [
        "candidate", "route", "employer", "organisation", "sector professional", "external assessor", "evaluation date",
        "observations", "competence title", "competence situation", "held until", "evaluators' verdict", "mastery",
        "mastery reason", "discrepancy flag", "may be validated", "element status", "element added", "finding", "document",
        "competence removed",
    ];

    [Fact]
    public void Two_contents_built_separately_from_the_same_dossier_are_the_same()
    {
        Assert.True(Content().SameAs(Content()));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_makes_a_different_content(string change)
    {
        var content = Content();
        var competences = content.Competences.ToList();
        var first = competences[0];
        var changed = change switch
        {
            "candidate" => content with { CandidateName = "Autre CANDIDAT" },
            "route" => content with { Route = Route.Vae },
            "employer" => content with { EmployerName = "Autre entreprise" },
            "organisation" => content with { TrainingOrganisationName = null },
            "sector professional" => content with { SectorProfessional = "Autre professionnel" },
            "external assessor" => content with { ExternalAssessor = null },
            "evaluation date" => content with { EvaluationDate = new DateOnly(2026, 5, 21) },
            "observations" => content with { CandidateObservations = null },
            "competence title" => content with { Competences = Replace(competences, first with { Title = "Autre intitulé" }) },
            "competence situation" => content with { Competences = Replace(competences, first with { Situation = CompetenceSituation.StillHeld }) },
            "held until" => content with { Competences = Replace(competences, first with { HeldUntil = new DateOnly(2030, 1, 1) }) },
            "evaluators' verdict" => content with { Competences = Replace(competences, first with { EvaluatorsSayMastered = false }) },
            "mastery" => content with { Competences = Replace(competences, first with { Mastery = null }) },
            "mastery reason" => content with { Competences = Replace(competences, first with { Mastery = new MasteryAssessment(true, ["Une raison."]) }) },
            "discrepancy flag" => content with { Competences = Replace(competences, first with { HasDiscrepancy = true }) },
            "may be validated" => content with { Competences = Replace(competences, first with { MayBeValidated = false }) },
            "element status" => content with
            {
                Competences = Replace(competences, first with { Elements = [first.Elements[0] with { Status = ElementStatus.NotAcquired }, .. first.Elements.Skip(1)] }),
            },
            "element added" => content with
            {
                Competences = Replace(competences, first with { Elements = [.. first.Elements, new CompetenceElement("Nouvel élément", false, ElementStatus.Acquired)] }),
            },
            "finding" => content with { Discrepancies = [new Finding("R2.2", "Autre constat.")] },
            "document" => content with { Documents = [.. content.Documents, new DocumentView(Guid.NewGuid(), DocumentKind.Outil2, "ajout.pdf")] },
            "competence removed" => content with { Competences = competences.Skip(1).ToList() },
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };

        Assert.False(content.SameAs(changed), change);
        Assert.False(changed.SameAs(content), change);
    }

    [Fact]
    public void Every_member_of_the_content_is_covered_by_the_changes()
    {
        // A member added to DossierContent or CompetenceView must be compared by SameAs (and get a case above).
        Assert.Equal(11, typeof(DossierContent).GetProperties().Length);
        Assert.Equal(10, typeof(CompetenceView).GetProperties().Length);
    }

    [Fact]
    public void The_same_content_is_shared_and_a_changed_one_replaces_it()
    {
        var shared = new SharedDossierContents();
        var dossier = Guid.NewGuid();

        var first = shared.Share(dossier, Content());
        var again = shared.Share(dossier, Content());
        var changed = shared.Share(dossier, Content() with { CandidateObservations = "Nouvelle observation." });
        var afterChange = shared.Share(dossier, Content() with { CandidateObservations = "Nouvelle observation." });

        Assert.Same(first, again);
        Assert.NotSame(first, changed);
        Assert.Equal("Nouvelle observation.", changed.CandidateObservations);
        Assert.Same(changed, afterChange);
    }

    [Fact]
    public void Each_dossier_has_its_own_content()
    {
        var shared = new SharedDossierContents();

        var (dossierOne, dossierTwo) = (Guid.NewGuid(), Guid.NewGuid());

        var one = shared.Share(dossierOne, Content());
        var other = shared.Share(dossierTwo, Content());

        Assert.NotSame(one, other);
        Assert.Same(one, shared.Share(dossierOne, Content()));
        Assert.Same(other, shared.Share(dossierTwo, Content()));
    }

    private static List<CompetenceView> Replace(List<CompetenceView> competences, CompetenceView first) => [first, .. competences.Skip(1)];
}
