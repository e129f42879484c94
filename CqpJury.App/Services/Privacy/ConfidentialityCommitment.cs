namespace CqpJury.App.Services.Privacy;

/// <summary>
/// R16: the confidentiality commitment a member accepts before first seeing a session's dossiers
/// (the guide's confidentiality paragraph, in the product's words). A new wording gets a new
/// <see cref="Version"/>; the version accepted is recorded with the acceptance.
/// </summary>
public static class ConfidentialityCommitment
{
    public const int Version = 1;

    public const string Title = "Engagement de confidentialité";

    /// <summary>The commitment, paragraph by paragraph, as the member reads it.</summary>
    public static IReadOnlyList<string> Paragraphs { get; } =
    [
        "En tant que membre du jury paritaire, vous allez avoir accès à des informations relatives à des personnes (les candidats : identité, parcours, évaluations) et à des entreprises.",
        "Ces informations sont confidentielles. Elles vous sont communiquées dans le seul but de vous prononcer sur la délivrance des CQP de la Branche : vous vous engagez à ne les diffuser à aucun tiers, à ne pas les copier ni les conserver en dehors de CqpJury, et à ne les utiliser pour rien d'autre que cette décision.",
        "Chaque consultation d'un dossier est enregistrée (qui, quand, quel dossier, quel document).",
    ];

    /// <summary>What a member must do before the room shows them anything of the session's dossiers.</summary>
    public const string Required = "Acceptez d'abord l'engagement de confidentialité : aucun dossier de la session ne vous est montré avant.";
}

/// <summary>Thrown when a member enters a session's room without having accepted the commitment: the page shows it.</summary>
public sealed class ConfidentialityRequiredException : UserFacingException
{
    public ConfidentialityRequiredException()
        : this(ConfidentialityCommitment.Required)
    {
    }

    public ConfidentialityRequiredException(string message)
        : base(message)
    {
    }

    public ConfidentialityRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
