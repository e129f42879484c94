using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Referential;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Dossiers;

public class EvaluatorTests
{
    private static readonly CertificateDefinition Cqp = Certificate();

    private static IReadOnlyList<Finding> Check(Dossier dossier) => CompletenessCheck.Check(dossier, Cqp, JuryDay);

    [Fact]
    public void R7_Two_habilitated_evaluators_who_signed_give_no_finding()
    {
        Assert.Empty(Check(CompleteDossier(Cqp)));
    }

    [Fact]
    public void R7_Missing_sector_professional_is_reported()
    {
        var dossier = CompleteDossier(Cqp) with { SectorProfessional = null };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Equal("Aucun professionnel du secteur n'est désigné pour l'évaluation.", finding.Message);
    }

    [Fact]
    public void R7_Missing_external_assessor_is_reported()
    {
        var dossier = CompleteDossier(Cqp) with { ExternalAssessor = null };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Equal("Aucun évaluateur externe n'est désigné pour l'évaluation.", finding.Message);
    }

    [Fact]
    public void R7_Evaluator_in_the_wrong_role_is_reported()
    {
        var dossier = CompleteDossier(Cqp) with { ExternalAssessor = SectorProfessional("Julie Bernard") };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Equal("Julie Bernard n'est pas habilité(e) comme évaluateur externe.", finding.Message);
    }

    [Fact]
    public void R7_Two_sector_professionals_and_no_external_assessor_is_reported()
    {
        var dossier = CompleteDossier(Cqp) with
        {
            SectorProfessional = ExternalAssessor("Marc Petit"),
            ExternalAssessor = SectorProfessional("Julie Bernard"),
        };

        var findings = Check(dossier);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("R7", f.RuleId));
        Assert.Equal("Marc Petit n'est pas habilité(e) comme professionnel du secteur.", findings[0].Message);
        Assert.Equal("Julie Bernard n'est pas habilité(e) comme évaluateur externe.", findings[1].Message);
    }

    [Fact]
    public void R7_Habilitation_ended_before_the_evaluation_is_reported()
    {
        var expired = new Evaluator("Paul Durand", EvaluatorRole.ExternalAssessor, new DateOnly(2019, 1, 1), new DateOnly(2026, 10, 14));
        var dossier = CompleteDossier(Cqp) with { ExternalAssessor = expired };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Equal(
            "Paul Durand (évaluateur externe) n'était pas habilité(e) par la CPEF à la date de l'évaluation (15/10/2026).",
            finding.Message);
    }

    [Fact]
    public void R7_Habilitation_starting_after_the_evaluation_is_reported()
    {
        var tooLate = new Evaluator("Claire Martin", EvaluatorRole.SectorProfessional, new DateOnly(2026, 10, 16), null);
        var dossier = CompleteDossier(Cqp) with { SectorProfessional = tooLate };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Equal(
            "Claire Martin (professionnel du secteur) n'était pas habilité(e) par la CPEF à la date de l'évaluation (15/10/2026).",
            finding.Message);
    }

    [Fact]
    public void R7_Evaluator_never_habilitated_is_reported()
    {
        var never = new Evaluator("Claire Martin", EvaluatorRole.SectorProfessional, null, null);
        var dossier = CompleteDossier(Cqp) with { SectorProfessional = never };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Contains("n'était pas habilité(e) par la CPEF", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R7_Habilitation_is_valid_from_its_first_day_to_its_last_day_inclusive()
    {
        var evaluator = new Evaluator("Paul Durand", EvaluatorRole.ExternalAssessor, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31));

        Assert.False(evaluator.IsHabilitatedOn(new DateOnly(2023, 12, 31)));
        Assert.True(evaluator.IsHabilitatedOn(new DateOnly(2024, 1, 1)));
        Assert.True(evaluator.IsHabilitatedOn(new DateOnly(2026, 12, 31)));
        Assert.False(evaluator.IsHabilitatedOn(new DateOnly(2027, 1, 1)));
        Assert.True(new Evaluator("X", EvaluatorRole.ExternalAssessor, new DateOnly(2024, 1, 1), null).IsHabilitatedOn(new DateOnly(2099, 1, 1)));
        Assert.False(new Evaluator("X", EvaluatorRole.ExternalAssessor, null, new DateOnly(2030, 1, 1)).IsHabilitatedOn(new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void R7_Habilitation_is_judged_on_the_evaluation_date_not_on_the_check_date()
    {
        // Habilitation ended after the evaluation but before the check: the evaluation stands.
        var endedSince = new Evaluator("Paul Durand", EvaluatorRole.ExternalAssessor, new DateOnly(2020, 1, 1), new DateOnly(2026, 10, 31));
        var dossier = CompleteDossier(Cqp) with { ExternalAssessor = endedSince };

        Assert.Empty(Check(dossier));
    }

    [Fact]
    public void R7_Evaluation_not_signed_by_the_sector_professional_is_reported()
    {
        var dossier = CompleteDossier(Cqp) with { SignedBySectorProfessional = false };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Equal("L'évaluation n'est pas signée par le professionnel du secteur (Claire Martin).", finding.Message);
    }

    [Fact]
    public void R7_Evaluation_not_signed_by_the_external_assessor_is_reported()
    {
        var dossier = CompleteDossier(Cqp) with { SignedByExternalAssessor = false };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R7", finding.RuleId);
        Assert.Contains("L'évaluation n'est pas signée par", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(Paul Durand)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R7_Message_uses_french_elision_before_evaluateur_externe()
    {
        var dossier = CompleteDossier(Cqp) with { SignedByExternalAssessor = false };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("L'évaluation n'est pas signée par l'évaluateur externe (Paul Durand).", finding.Message);
    }

    [Fact]
    public void R7_Wrong_role_and_missing_signature_are_both_reported()
    {
        var dossier = CompleteDossier(Cqp) with
        {
            SectorProfessional = ExternalAssessor("Marc Petit"),
            SignedBySectorProfessional = false,
        };

        var findings = Check(dossier);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("R7", f.RuleId));
        Assert.Equal("Marc Petit n'est pas habilité(e) comme professionnel du secteur.", findings[0].Message);
        Assert.Equal("L'évaluation n'est pas signée par le professionnel du secteur (Marc Petit).", findings[1].Message);
    }

    [Theory]
    [InlineData(EvaluatorRole.SectorProfessional, "Professionnel du secteur")]
    [InlineData(EvaluatorRole.ExternalAssessor, "Évaluateur externe")]
    public void R7_Evaluator_roles_read_in_french(EvaluatorRole role, string french)
    {
        Assert.Equal(french, role.ToFrench());
    }
}
