namespace CqpJury.Domain.Referential;

/// <summary>
/// A CQP of the referential (R1): its code, title, ordered competences and the decision rule its
/// juries apply (R11). Built only through <see cref="ReferentialLoader"/>, which validates it.
/// </summary>
public sealed record CertificateDefinition(
    string Code,
    string Title,
    DecisionRule DecisionRule,
    IReadOnlyList<Competence> Competences)
{
    public Competence? FindCompetence(string competenceCode) =>
        Competences.FirstOrDefault(c => string.Equals(c.Code, competenceCode, StringComparison.Ordinal));

    /// <summary>1-based position of a competence, as numbered in the source ("Compétence 3").</summary>
    public int PositionOf(string competenceCode)
    {
        for (var i = 0; i < Competences.Count; i++)
        {
            if (string.Equals(Competences[i].Code, competenceCode, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new ArgumentException($"Compétence inconnue : {competenceCode}", nameof(competenceCode));
    }
}
