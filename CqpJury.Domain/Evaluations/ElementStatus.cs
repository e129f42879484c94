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

/// <summary>The statuses as printed in the evaluation grids.</summary>
public static class ElementStatusText
{
    public static string ToFrench(this ElementStatus status) => status switch
    {
        ElementStatus.Acquired => "Acquis",
        ElementStatus.NotAcquired => "Non acquis",
        ElementStatus.NotImplemented => "Non mis en œuvre",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
