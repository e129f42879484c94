namespace CqpJury.Domain.Evaluations;

/// <summary>R2: the status of one element in an evaluation grid.</summary>
public enum ElementStatus
{
    /// <summary>acquis</summary>
    Acquired,

    /// <summary>non acquis</summary>
    NotAcquired,

    /// <summary>non mis en œuvre</summary>
    NotImplemented,
}
