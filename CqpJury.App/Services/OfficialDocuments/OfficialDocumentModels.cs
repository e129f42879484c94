using CqpJury.App.OfficialDocuments.Pdf;

namespace CqpJury.App.Services.OfficialDocuments;

/// <summary>
/// An issued document as listed to the secretariat and the members who may see it;
/// <paramref name="ChairName"/>: for a dossier's document, the member who chaired its deliberation
/// and communicates the decision to the candidate (R17), with the secretariat.
/// </summary>
public sealed record IssuedDocumentView(
    Guid Id,
    IssuedDocumentKind Kind,
    string Title,
    string? CandidateName,
    string VerificationCode,
    DateTimeOffset IssuedAt,
    long SizeBytes,
    string? ChairName = null);

/// <summary>Progress of a whole session's generation (off the UI thread).</summary>
public readonly record struct IssueProgress(int Done, int Total, string? Current);

public enum VerificationStatus
{
    /// <summary>The text typed is not a code.</summary>
    Malformed,

    /// <summary>No document carries this code.</summary>
    Unknown,

    /// <summary>Too many codes checked from this address lately (issue 23): nothing was looked up.</summary>
    TooManyAttempts,

    /// <summary>The code is known and the recorded decision is unchanged since issuance.</summary>
    Valid,

    /// <summary>The code is known but the recorded content no longer matches what was issued.</summary>
    ContentChanged,
}

/// <summary>What the public verification page shows for a code.</summary>
public sealed record VerificationResult(
    VerificationStatus Status,
    string Message,
    string? Code = null,
    string? DocumentTitle = null,
    string? CandidateName = null,
    string? CertificateTitle = null,
    string? Statement = null,
    DateOnly? JuryDate = null,
    DateTimeOffset? IssuedAt = null,
    string? SealedBy = null);

/// <summary>What the signature of an uploaded file says.</summary>
public enum FileSignatureStatus
{
    /// <summary>The file carries no signature.</summary>
    NotSigned,

    /// <summary>Valid, by the organisation's certificate (the one in use or an earlier one), over the whole file.</summary>
    Valid,

    /// <summary>A signature is there, but the file was changed after it was signed.</summary>
    Altered,

    /// <summary>A valid signature, but not by a certificate the organisation ever signed with.</summary>
    UnknownSigner,
}

/// <summary>
/// Whether an uploaded file is byte for byte the document issued under a code, and what its own electronic
/// signature says (null when the file was not checked: unknown code, file too large).
/// </summary>
public sealed record FileVerificationResult(bool Matches, string Message, FileSignatureStatus? Signature = null, string? SignatureMessage = null);

public static class IssuedDocumentKindText
{
    public static string ToFrench(this IssuedDocumentKind kind) => kind switch
    {
        IssuedDocumentKind.DecisionSheet => "Fiche individuelle de décision",
        IssuedDocumentKind.SessionMinutes => "Procès-verbal de la session",
        IssuedDocumentKind.AttendanceSheet => "Feuille d'émargement",
        IssuedDocumentKind.Certificate => "Certificat de qualification professionnelle",
        IssuedDocumentKind.PartialAttestation => "Attestation de validation partielle",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string FileSlug(this IssuedDocumentKind kind) => kind switch
    {
        IssuedDocumentKind.DecisionSheet => "fiche-decision",
        IssuedDocumentKind.SessionMinutes => "proces-verbal",
        IssuedDocumentKind.AttendanceSheet => "feuille-emargement",
        IssuedDocumentKind.Certificate => "certificat",
        IssuedDocumentKind.PartialAttestation => "attestation-validation-partielle",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
