using CqpJury.Domain.Common;
using CqpJury.Domain.Referential;

namespace CqpJury.Domain.Evaluations;

/// <summary>The evaluation of a dossier: one <see cref="CompetenceEvaluation"/> per evaluated competence.</summary>
public sealed record EvaluationGrid(IReadOnlyList<CompetenceEvaluation> Competences)
{
    public static EvaluationGrid Empty { get; } = new([]);

    public CompetenceEvaluation? For(string competenceCode) =>
        Competences.FirstOrDefault(c => string.Equals(c.CompetenceCode, competenceCode, StringComparison.Ordinal));

    /// <summary>R2.2 findings for every evaluated competence of <paramref name="certificate"/>.</summary>
    public IReadOnlyList<Finding> Discrepancies(CertificateDefinition certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var findings = new List<Finding>();
        foreach (var evaluation in Competences)
        {
            var label = certificate.FindCompetence(evaluation.CompetenceCode) is null
                ? evaluation.CompetenceCode
                : $"Compétence {certificate.PositionOf(evaluation.CompetenceCode)}";
            if (VerdictDiscrepancyRule.Check(evaluation, label) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }
}
