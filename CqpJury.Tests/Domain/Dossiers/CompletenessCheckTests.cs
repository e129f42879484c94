using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Dossiers;

public class CompletenessCheckTests
{
    private static readonly CertificateDefinition Assistant = ShippedReferential().Get("CQP-AF");

    private static IReadOnlyList<Finding> Check(Dossier dossier) => CompletenessCheck.Check(dossier, Assistant, JuryDay);

    private static HashSet<DocumentKind> Documents(params DocumentKind[] kinds) => [.. kinds];

    [Fact]
    public void R6_Complete_skills_development_dossier_has_no_finding()
    {
        var dossier = CompleteDossier(Assistant, Route.SkillsDevelopment);

        Assert.Empty(Check(dossier));
        Assert.True(CompletenessCheck.IsComplete(dossier, Assistant, JuryDay));
    }

    [Fact]
    public void R6_Complete_vae_dossier_has_no_finding()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae);

        Assert.Empty(Check(dossier));
        Assert.True(CompletenessCheck.IsComplete(dossier, Assistant, JuryDay));
    }

    [Fact]
    public void R6_Skills_development_dossier_without_outil_1_is_incomplete()
    {
        var dossier = CompleteDossier(Assistant) with { Documents = Documents(DocumentKind.Outil2) };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("Document manquant : Outil 1 – Livret de repérage des compétences acquises et des besoins en formation.", finding.Message);
        Assert.False(CompletenessCheck.IsComplete(dossier, Assistant, JuryDay));
    }

    [Fact]
    public void R6_Skills_development_dossier_without_outil_2_is_incomplete()
    {
        var dossier = CompleteDossier(Assistant) with { Documents = Documents(DocumentKind.Outil1, DocumentKind.Other) };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("Document manquant : Outil 2 – Livret de suivi et d'évaluation du candidat.", finding.Message);
    }

    [Fact]
    public void R6_Skills_development_dossier_with_a_dossier_vae_instead_of_its_outils_is_incomplete()
    {
        var dossier = CompleteDossier(Assistant) with { Documents = Documents(DocumentKind.DossierVae) };

        var findings = Check(dossier);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("R6", f.RuleId));
        Assert.Contains(findings, f => f.Message.StartsWith("Document manquant : Outil 1", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("Document manquant : Outil 2", StringComparison.Ordinal));
    }

    [Fact]
    public void R6_Vae_dossier_without_the_dossier_vae_is_incomplete()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae) with { Documents = Documents(DocumentKind.Outil1, DocumentKind.Outil2) };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("Document manquant : Dossier VAE.", finding.Message);
    }

    [Fact]
    public void R6_Vae_dossier_does_not_need_outil_1_or_outil_2()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae) with { Documents = Documents(DocumentKind.DossierVae) };

        Assert.Empty(Check(dossier));
    }

    [Fact]
    public void R6_Missing_evaluation_of_a_competence_is_reported_with_its_title()
    {
        var dossier = CompleteDossier(Assistant) with
        {
            Evaluation = MasteredGrid(["C1", "C2", "C3", "C5", "C6"]),
        };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("Évaluation manquante : Compétence 4 – Traiter les aléas et les situations difficiles.", finding.Message);
    }

    [Fact]
    public void R6_Empty_grid_for_a_competence_is_reported()
    {
        var grid = new EvaluationGrid(
            Assistant.Competences.Select(c => c.Code == "C5"
                ? new CompetenceEvaluation("C5", [], EvaluatorsSayMastered: false)
                : MasteredEvaluation(c.Code)).ToList());
        var dossier = CompleteDossier(Assistant) with { Evaluation = grid };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("Grille d'évaluation vide : Compétence 5 – Rédiger des documents professionnels.", finding.Message);
    }

    [Fact]
    public void R6_Evaluation_without_any_competence_lists_every_missing_one()
    {
        var dossier = CompleteDossier(Assistant) with { Evaluation = EvaluationGrid.Empty };

        var findings = Check(dossier);

        Assert.Equal(6, findings.Count);
        Assert.All(findings, f => Assert.Equal("R6", f.RuleId));
        Assert.All(findings, f => Assert.StartsWith("Évaluation manquante : Compétence ", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void R6_A_competence_not_mastered_still_counts_as_evaluated()
    {
        var grid = new EvaluationGrid(
            Assistant.Competences.Select(c => c.Code == "C2" ? NotMasteredEvaluation("C2") : MasteredEvaluation(c.Code)).ToList());
        var dossier = CompleteDossier(Assistant) with { Evaluation = grid };

        Assert.Empty(Check(dossier));
    }

    [Fact]
    public void R6_Returning_candidate_only_needs_an_evaluation_of_the_remaining_competences()
    {
        var earlier = new[]
        {
            new CompetenceAcquisition("C1", new DateOnly(2024, 6, 12)),
            new CompetenceAcquisition("C2", new DateOnly(2024, 6, 12)),
            new CompetenceAcquisition("C4", new DateOnly(2024, 6, 12)),
        };
        var dossier = CompleteDossier(Assistant) with
        {
            EarlierValidations = earlier,
            Evaluation = MasteredGrid(["C3", "C5", "C6"]),
        };

        Assert.Empty(Check(dossier));
    }

    [Fact]
    public void R6_Returning_candidate_still_needs_the_remaining_competences()
    {
        var dossier = CompleteDossier(Assistant) with
        {
            EarlierValidations = [new CompetenceAcquisition("C1", new DateOnly(2024, 6, 12))],
            Evaluation = MasteredGrid(["C2", "C3", "C4", "C5"]),
        };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("Évaluation manquante : Compétence 6 – Coordonner des informations liées aux prestations de formation.", finding.Message);
    }

    [Fact]
    public void R6_Returning_candidate_whose_validation_expired_by_the_check_date_needs_that_competence_again()
    {
        var earlier = new[] { new CompetenceAcquisition("C1", new DateOnly(2021, 11, 20)) };
        var dossier = CompleteDossier(Assistant) with
        {
            EarlierValidations = earlier,
            Evaluation = MasteredGrid(["C2", "C3", "C4", "C5", "C6"]),
        };

        // Held on 19/11/2026, expired on the check date 27/11/2026.
        Assert.Empty(CompletenessCheck.Check(dossier, Assistant, new DateOnly(2026, 11, 19)));
        var finding = Assert.Single(CompletenessCheck.Check(dossier, Assistant, JuryDay));
        Assert.Equal("R6", finding.RuleId);
        Assert.StartsWith("Évaluation manquante : Compétence 1 – ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R4_2_Dossier_whose_competences_are_all_still_held_has_nothing_to_submit()
    {
        var dossier = CompleteDossier(Assistant) with
        {
            EarlierValidations = Assistant.Competences.Select(c => new CompetenceAcquisition(c.Code, new DateOnly(2025, 2, 3))).ToList(),
            Evaluation = EvaluationGrid.Empty,
        };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R4.2", finding.RuleId);
        Assert.Equal("Toutes les compétences sont déjà validées : il n'y a rien à soumettre au jury.", finding.Message);
    }

    [Fact]
    public void R6_Missing_evaluation_date_is_reported()
    {
        var dossier = CompleteDossier(Assistant) with { EvaluationDate = null };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R6", finding.RuleId);
        Assert.Equal("La date de l'évaluation n'est pas renseignée.", finding.Message);
    }

    [Fact]
    public void R6_Vae_dossier_also_runs_the_admissibility_check()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae) with { Admissibility = null };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal("Le dossier de recevabilité VAE n'a pas été reçu.", finding.Message);
    }

    [Fact]
    public void R6_Vae_dossier_evaluated_before_admissibility_was_accepted_is_incomplete()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae);
        dossier = dossier with { EvaluationDate = dossier.Admissibility!.Review!.ReviewedOn.AddDays(-1) };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal("L'évaluation (19/03/2026) a eu lieu avant l'acceptation de la recevabilité (20/03/2026).", finding.Message);
    }

    [Fact]
    public void R6_Vae_dossier_with_too_short_an_activity_is_incomplete()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae);
        dossier = dossier with
        {
            Admissibility = dossier.Admissibility! with
            {
                Activities = [new ActivityPeriod(new DateOnly(2024, 3, 1), null, "Assistante de formation")],
            },
        };

        var finding = Assert.Single(Check(dossier));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.StartsWith("Durée d'activité insuffisante", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R6_Skills_development_dossier_does_not_run_the_admissibility_check()
    {
        var dossier = CompleteDossier(Assistant) with
        {
            Admissibility = new AdmissibilityFile(new DateOnly(2026, 1, 1), [], null),
        };

        Assert.Empty(Check(dossier));
    }

    [Fact]
    public void R6_Dossier_for_another_cqp_is_refused()
    {
        var conseiller = ShippedReferential().Get("CQP-CCF");
        var dossier = CompleteDossier(Assistant);

        var finding = Assert.Single(CompletenessCheck.Check(dossier, conseiller, JuryDay));

        Assert.Equal("R1", finding.RuleId);
        Assert.Equal("Le dossier vise le CQP « CQP-AF », pas le CQP Conseiller(ère) commercial(e) en formation.", finding.Message);
    }

    [Fact]
    public void R6_Every_finding_is_reported_together()
    {
        var dossier = CompleteDossier(Assistant, Route.Vae) with
        {
            Documents = Documents(),
            Admissibility = null,
            Evaluation = MasteredGrid(["C1", "C2", "C3", "C4", "C5"]),
            SignedByExternalAssessor = false,
        };

        var findings = Check(dossier);

        Assert.Equal(["R6", "R5.3", "R6", "R7"], findings.Select(f => f.RuleId));
        Assert.Equal("Document manquant : Dossier VAE.", findings[0].Message);
        Assert.StartsWith("Évaluation manquante : Compétence 6", findings[2].Message, StringComparison.Ordinal);
        Assert.False(CompletenessCheck.IsComplete(dossier, Assistant, JuryDay));
    }
}
