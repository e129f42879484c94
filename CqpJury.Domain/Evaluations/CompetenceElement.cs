namespace CqpJury.Domain.Evaluations;

/// <summary>One line of the grid the evaluators filled (R1.1, R2): label, essential or not, status.</summary>
public sealed record CompetenceElement(string Label, bool IsEssential, ElementStatus Status);
