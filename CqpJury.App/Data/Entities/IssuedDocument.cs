using CqpJury.App.OfficialDocuments.Pdf;

namespace CqpJury.App.Data.Entities;

/// <summary>
/// An official document as issued: stored once and served with the same bytes forever. Its
/// verification code leads to the verification page; <see cref="ContentHash"/> is the hash of
/// the decision content it states, <see cref="FileSha256"/> the hash of the issued bytes.
/// </summary>
public sealed class IssuedDocument
{
    public Guid Id { get; set; }

    public IssuedDocumentKind Kind { get; set; }

    public Guid SessionId { get; set; }

    public Guid? DossierId { get; set; }

    /// <summary>"K7QM-2XPA-9RTD": 12 Crockford base-32 characters (60 random bits).</summary>
    public string VerificationCode { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? CandidateName { get; set; }

    public string? CertificateTitle { get; set; }

    /// <summary>What the document states (outcome, or "Procès-verbal", etc.), as shown on the verification page.</summary>
    public string Statement { get; set; } = string.Empty;

    public DateOnly JuryDate { get; set; }

    /// <summary>SHA-256 (hex) of the canonical decision content the document states.</summary>
    public string ContentHash { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the issued PDF bytes.</summary>
    public string FileSha256 { get; set; } = string.Empty;

    public string StoredFileName { get; set; } = string.Empty;

    public long SizeBytes { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>SHA-256 (hex) of the organisation's certificate that signed the PDF; null for documents issued unsigned, before signing existed.</summary>
    public string? SealCertificateSha256 { get; set; }

    /// <summary>The subject of that certificate, as the verification page names it.</summary>
    public string? SealCertificateSubject { get; set; }

    public string IssuedBy { get; set; } = string.Empty;
}
