using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;

namespace CqpJury.Domain.Deliberations;

/// <summary>
/// What a deliberation decides on: the dossier, its certificate, the competences the jury may
/// validate (R3), the earlier validations (R4.2), whether the candidate wrote observations (R13),
/// and the jury date, which is the decision date (R4.1).
/// </summary>
public sealed record DeliberationSubject(
    Guid DossierId,
    CertificateDefinition Certificate,
    IReadOnlySet<string> ValidatableCompetences,
    IReadOnlyList<CompetenceAcquisition> EarlierValidations,
    bool HasCandidateObservations,
    DateOnly JuryDate)
{
    public static DeliberationSubject From(Guid dossierId, Dossier dossier, CertificateDefinition certificate, DateOnly juryDate)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new DeliberationSubject(
            dossierId,
            certificate,
            OutcomeCalculator.ValidatableCompetences(certificate, dossier.Evaluation, dossier.EarlierValidations, juryDate),
            dossier.EarlierValidations,
            dossier.HasCandidateObservations,
            juryDate);
    }

    /// <summary>R4.2: the competences this jury decides on.</summary>
    public IReadOnlyList<Competence> CompetencesToDecide =>
        OutcomeCalculator.CompetencesToDecide(Certificate, EarlierValidations, JuryDate);

    /// <summary>
    /// The outcome (R4) of a proposal, after checking it: it names exactly the competences to decide
    /// (R4.2) and validates only validatable ones (R3). Throws <see cref="DeliberationException"/>.
    /// </summary>
    public OutcomeResult Evaluate(IReadOnlyDictionary<string, bool> validations)
    {
        CheckProposal(validations);
        return OutcomeCalculator.Compute(Certificate, validations.Where(kv => kv.Value).Select(kv => kv.Key), EarlierValidations, JuryDate);
    }

    /// <summary>R3 + R4.2 + R11: a proposal names exactly the competences to decide; only validatable ones may be validated.</summary>
    private void CheckProposal(IReadOnlyDictionary<string, bool> validations)
    {
        ArgumentNullException.ThrowIfNull(validations);
        var toDecide = CompetencesToDecide;
        Deliberation.Check(new ProposalNamesOnlyCompetencesToDecideRule(validations, toDecide));
        Deliberation.Check(new ProposalAnswersEveryCompetenceRule(validations, toDecide, Certificate));
        Deliberation.Check(new OnlyMasteredCompetencesMayBeValidatedRule(validations, ValidatableCompetences, Certificate));
    }

    /// <summary>The proposal prefilled from the evaluation (R3): every validatable competence validated.</summary>
    public IReadOnlyDictionary<string, bool> DefaultProposal =>
        CompetencesToDecide.ToDictionary(c => c.Code, c => ValidatableCompetences.Contains(c.Code), StringComparer.Ordinal);
}
