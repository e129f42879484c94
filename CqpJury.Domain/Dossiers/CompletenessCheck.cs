using CqpJury.Domain.Common;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;

namespace CqpJury.Domain.Dossiers;

/// <summary>
/// R6 (with R5.3 and R7): only complete dossiers reach the jury. Returns every finding; an empty
/// list means complete. The decision sheet to fill (R6) is produced by the application itself, so
/// it is never missing.
/// </summary>
public static class CompletenessCheck
{
    public static IReadOnlyList<Finding> Check(Dossier dossier, CertificateDefinition certificate, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(certificate);
        var findings = new List<Finding>();
        if (!string.Equals(dossier.CertificateCode, certificate.Code, StringComparison.Ordinal))
        {
            findings.Add(new Finding("R1", $"Le dossier vise le CQP « {dossier.CertificateCode} », pas le {certificate.Title}."));
            return findings;
        }

        RequiredDocuments(dossier, findings);
        if (dossier.Route == Route.Vae)
        {
            findings.AddRange(AdmissibilityRule.Check(dossier.Admissibility, dossier.EvaluationDate));
        }

        EvaluationCoversRequiredCompetences(dossier, certificate, asOf, findings);
        Evaluators(dossier, findings);
        return findings;
    }

    public static bool IsComplete(Dossier dossier, CertificateDefinition certificate, DateOnly asOf) =>
        Check(dossier, certificate, asOf).Count == 0;

    /// <summary>R6: Outil 1 + Outil 2 for R5.1; the Dossier VAE for R5.2.</summary>
    private static void RequiredDocuments(Dossier dossier, List<Finding> findings)
    {
        DocumentKind[] required = dossier.Route == Route.SkillsDevelopment
            ? [DocumentKind.Outil1, DocumentKind.Outil2]
            : [DocumentKind.DossierVae];
        foreach (var kind in required.Where(k => !dossier.Documents.Contains(k)))
        {
            findings.Add(new Finding("R6", $"Document manquant : {kind.ToFrench()}."));
        }
    }

    /// <summary>R6 + R4.2: an evaluation of every competence still to validate.</summary>
    private static void EvaluationCoversRequiredCompetences(Dossier dossier, CertificateDefinition certificate, DateOnly asOf, List<Finding> findings)
    {
        var toDecide = OutcomeCalculator.CompetencesToDecide(certificate, dossier.EarlierValidations, asOf);
        foreach (var competence in toDecide)
        {
            var evaluation = dossier.Evaluation.For(competence.Code);
            var label = competence.DisplayTitle(certificate.PositionOf(competence.Code));
            if (evaluation is null)
            {
                findings.Add(new Finding("R6", $"Évaluation manquante : {label}."));
            }
            else if (evaluation.Elements.Count == 0)
            {
                findings.Add(new Finding("R6", $"Grille d'évaluation vide : {label}."));
            }
        }

        if (toDecide.Count == 0)
        {
            findings.Add(new Finding("R4.2", "Toutes les compétences sont déjà validées : il n'y a rien à soumettre au jury."));
        }

        if (dossier.EvaluationDate is null)
        {
            findings.Add(new Finding("R6", "La date de l'évaluation n'est pas renseignée."));
        }
    }

    /// <summary>R7: one professionnel du secteur and one évaluateur externe, habilitated, who both signed.</summary>
    private static void Evaluators(Dossier dossier, List<Finding> findings)
    {
        CheckEvaluator(dossier.SectorProfessional, EvaluatorRole.SectorProfessional, dossier.SignedBySectorProfessional, dossier.EvaluationDate, findings);
        CheckEvaluator(dossier.ExternalAssessor, EvaluatorRole.ExternalAssessor, dossier.SignedByExternalAssessor, dossier.EvaluationDate, findings);
    }

    private static void CheckEvaluator(Evaluator? evaluator, EvaluatorRole role, bool signed, DateOnly? evaluationDate, List<Finding> findings)
    {
        var roleText = role.ToFrench().ToLower(FrenchFormat.Culture);
        if (evaluator is null)
        {
            findings.Add(new Finding("R7", $"Aucun {roleText} n'est désigné pour l'évaluation."));
            return;
        }

        if (evaluator.Role != role)
        {
            findings.Add(new Finding("R7", $"{evaluator.Name} n'est pas habilité(e) comme {roleText}."));
        }
        else if (evaluationDate is { } date && !evaluator.IsHabilitatedOn(date))
        {
            findings.Add(new Finding("R7", $"{evaluator.Name} ({roleText}) n'était pas habilité(e) par la CPEF à la date de l'évaluation ({FrenchFormat.Date(date)})."));
        }

        if (!signed)
        {
            findings.Add(new Finding("R7", $"L'évaluation n'est pas signée par {role.WithDefiniteArticle()} ({evaluator.Name})."));
        }
    }
}
