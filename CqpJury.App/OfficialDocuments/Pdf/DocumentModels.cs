using System.Text.Json.Serialization;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;

namespace CqpJury.App.OfficialDocuments.Pdf;

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
/// <param name="QrText">What the QR code carries when it is not <paramref name="Url"/> itself: the same address in capitals (see <see cref="For"/>).</param>
public sealed record VerificationStamp(string Code, string Url, string? QrText = null)
{
    /// <summary>The verification page's route, followed by the code.</summary>
    public const string Route = "/verifier/";

    /// <summary>What the QR code encodes.</summary>
    public string QrContent => QrText ?? Url;

    /// <summary>
    /// The stamp of <paramref name="code"/> under the app's public address. When that address is a scheme and a host
    /// only (no path), the QR code carries the address in capitals: scheme and host are case-insensitive (RFC 3986), the
    /// app routes the verification page and reads codes whatever their case, and capitals, digits and « -./: » are the
    /// QR code's alphanumeric mode (5.5 bits a character instead of 8), so the code is one size smaller — 29 modules
    /// instead of 33 for a usual address, quicker to scan and to draw. Under a path (https://host/cqpjury), a proxy in
    /// front of the app may match paths case by case: the QR code then carries the address as printed.
    /// </summary>
    public static VerificationStamp For(string code, string publicBase)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(publicBase);
        var url = publicBase.TrimEnd('/') + Route + code;
        var hostOnly = Uri.TryCreate(publicBase, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
        var capitals = url.ToUpperInvariant();
        return hostOnly && capitals.All(IsQrAlphanumeric) ? new VerificationStamp(code, url, capitals) : new VerificationStamp(code, url);
    }

    private static bool IsQrAlphanumeric(char c) => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or ' ' or '$' or '%' or '*' or '+' or '-' or '.' or '/' or ':';
}

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

/// <summary>
/// One agenda dossier in the minutes: panel, recusals, stand-asides, outcome, competences, and its
/// postponements in earlier sessions (R12: a postponed dossier keeps its history). <paramref name="EarlierPostponements"/>
/// is null when there is none and then left out of the content hash: minutes issued before it existed still verify.
/// </summary>
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
    IReadOnlyList<CompetenceLine> Competences,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? EarlierPostponements = null);

/// <summary>Procès-verbal de la session; <paramref name="JournalAnchor"/>: the journal's head at closing (R16), printed under the signature.</summary>
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
    VerificationStamp Stamp,
    string? JournalAnchor = null);

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
