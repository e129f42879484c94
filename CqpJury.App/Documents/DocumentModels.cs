using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;

namespace CqpJury.App.Documents;

/// <summary>The kinds of official documents the jury issues.</summary>
public enum IssuedDocumentKind
{
    /// <summary>Fiche individuelle de décision (R14).</summary>
    DecisionSheet,

    /// <summary>Procès-verbal de la session.</summary>
    SessionMinutes,

    /// <summary>Feuille d'émargement.</summary>
    AttendanceSheet,

    /// <summary>Certificat (parchemin) for an awarded CQP (R15).</summary>
    Certificate,

    /// <summary>Attestation de validation partielle (R4.1).</summary>
    PartialAttestation,
}

/// <summary>What each document prints to be verified: its code and the address of the verification page (also in the QR code).</summary>
public sealed record VerificationStamp(string Code, string Url);

/// <summary>One competence line on a document (title verbatim, R1) and its result.</summary>
public sealed record CompetenceLine(int Position, string Title, CompetenceStanding Standing, DateOnly? ValidUntil)
{
    public bool IsValidated => Standing != CompetenceStanding.NotValidated;
}

/// <summary>R14: the individual decision sheet, one layout per CQP as in the annex of the source.</summary>
public sealed record DecisionSheetModel(
    string CertificateTitle,
    string CandidateName,
    string DossierReference,
    DateOnly JuryDate,
    IReadOnlyList<CompetenceLine> Competences,
    DecisionOutcome Outcome,
    string? Comments,
    string? ObservationsAnswer,
    string PresidentName,
    DateTimeOffset SignedAt,
    VerificationStamp Stamp)
{
    public bool Awarded => Outcome == DecisionOutcome.Awarded;
}

public sealed record MinutesMember(string Name, Seat Seat, bool IsPresident);

/// <summary>One agenda dossier in the minutes: panel, recusals, stand-asides, outcome, competences.</summary>
public sealed record MinutesDossier(
    string Reference,
    string CandidateName,
    string CertificateTitle,
    IReadOnlyList<string> Panel,
    IReadOnlyList<string> Recused,
    IReadOnlyList<string> StoodAside,
    bool Postponed,
    string? PostponementReason,
    DecisionOutcome? Outcome,
    IReadOnlyList<CompetenceLine> Competences);

/// <summary>Procès-verbal de la session.</summary>
public sealed record SessionMinutesModel(
    string SessionTitle,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    IReadOnlyList<MinutesMember> MembersPresent,
    string PresidentName,
    IReadOnlyList<MinutesDossier> Dossiers,
    DateTimeOffset ClosedAt,
    VerificationStamp Stamp);

public sealed record AttendanceLine(string Name, Seat Seat, bool Present, DateTimeOffset? FirstJoinedAt);

/// <summary>Feuille d'émargement: convened members, seat, presence, time of joining.</summary>
public sealed record AttendanceSheetModel(
    string SessionTitle,
    DateOnly Date,
    string? Place,
    IReadOnlyList<AttendanceLine> Members,
    string PresidentName,
    VerificationStamp Stamp);

/// <summary>R15: the certificate of an awarded CQP, ready to print.</summary>
public sealed record CertificateModel(
    string CandidateName,
    DateOnly? BirthDate,
    string CertificateTitle,
    DateOnly JuryDate,
    IReadOnlyList<CompetenceLine> Competences,
    string PresidentName,
    VerificationStamp Stamp);

/// <summary>R4.1: attestation of a partial validation, validated competences and their end of validity.</summary>
public sealed record PartialAttestationModel(
    string CandidateName,
    DateOnly? BirthDate,
    string CertificateTitle,
    DateOnly JuryDate,
    IReadOnlyList<CompetenceLine> ValidatedCompetences,
    string PresidentName,
    VerificationStamp Stamp);
