using CqpJury.Domain.Common;

namespace CqpJury.Domain.Evaluations;

/// <summary>The result of R2.1 for one grid, with the reasons when the competence is not mastered.</summary>
public sealed record MasteryAssessment(bool IsMastered, IReadOnlyList<string> Reasons);

/// <summary>
/// R2.1: a competence is mastered (maîtrisée) when every essential element is acquired and at most
/// two non-essential elements are "non mis en œuvre".
/// Interpretation (docs/rules.md, R2.1): a non-essential element "non acquis" makes it not mastered;
/// an essential element "non mis en œuvre" makes it not mastered; a grid in which no element is
/// "acquis" is not mastered — even without essential elements and with at most two elements "non
/// mis en œuvre" (nothing was shown) — and so is a grid without any element.
/// </summary>
public static class MasteryRule
{
    /// <summary>R2.1: how many non-essential elements may be "non mis en œuvre".</summary>
    public const int MaxNonEssentialNotImplemented = 2;

    public static bool IsMastered(IEnumerable<CompetenceElement> elements) => Assess(elements).IsMastered;

    public static MasteryAssessment Assess(IEnumerable<CompetenceElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var list = elements.ToList();
        var reasons = new List<string>();
        if (list.Count == 0)
        {
            reasons.Add("La grille ne comporte aucun élément de compétence.");
        }

        foreach (var e in list.Where(e => e.IsEssential && e.Status != ElementStatus.Acquired))
        {
            reasons.Add(e.Status == ElementStatus.NotImplemented
                ? $"Élément incontournable non mis en œuvre : « {e.Label} »."
                : $"Élément incontournable non acquis : « {e.Label} ».");
        }

        foreach (var e in list.Where(e => !e.IsEssential && e.Status == ElementStatus.NotAcquired))
        {
            reasons.Add($"Élément non acquis : « {e.Label} ».");
        }

        var notImplemented = list.Count(e => !e.IsEssential && e.Status == ElementStatus.NotImplemented);
        if (notImplemented > MaxNonEssentialNotImplemented)
        {
            reasons.Add($"{notImplemented} éléments non incontournables non mis en œuvre (au plus {MaxNonEssentialNotImplemented}).");
        }

        // R2.1 interpretation: nothing acquired, nothing shown.
        if (list.Count > 0 && list.All(e => e.Status != ElementStatus.Acquired))
        {
            reasons.Add("Aucun élément de compétence n'est acquis.");
        }

        return new MasteryAssessment(reasons.Count == 0, reasons);
    }
}

/// <summary>R2.2: the evaluators' verdict must agree with the grid; a disagreement is shown, never overwritten.</summary>
public static class VerdictDiscrepancyRule
{
    public static Finding? Check(CompetenceEvaluation evaluation, string competenceLabel)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!evaluation.HasDiscrepancy)
        {
            return null;
        }

        return evaluation.EvaluatorsSayMastered
            ? new Finding("R2.2",
                $"{competenceLabel} : les évaluateurs l'indiquent maîtrisée, mais la grille ne le permet pas ({string.Join(" ", evaluation.Mastery.Reasons)})")
            : new Finding("R2.2",
                $"{competenceLabel} : la grille remplit les conditions de maîtrise, mais les évaluateurs l'indiquent non maîtrisée.");
    }
}
