namespace CqpJury.Domain.Referential;

/// <summary>
/// A competence of a certificate (R1). <see cref="Elements"/> optionally lists its
/// éléments de compétence (R1.1); the source does not list them, so it may be empty.
/// </summary>
public sealed record Competence(string Code, string Title, IReadOnlyList<CompetenceElementDefinition> Elements)
{
    /// <summary>"Compétence 1 – Traiter …", as printed in the source's decision sheet.</summary>
    public string DisplayTitle(int position) => $"Compétence {position} – {Title}";
}

/// <summary>An élément de compétence listed by the referential (R1.1).</summary>
public sealed record CompetenceElementDefinition(string Label, bool IsEssential);
