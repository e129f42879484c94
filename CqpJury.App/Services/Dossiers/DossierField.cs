using System.Globalization;

namespace CqpJury.App.Services.Dossiers;

/// <summary>The fields of a dossier that <see cref="DossierValidator"/> can find wrong.</summary>
public enum DossierFieldKind
{
    ExistingCandidate,
    CandidateLastName,
    CandidateFirstName,
    CandidateBirthDate,
    CandidateEmail,
    CandidateAddressLine1,
    CandidateAddressLine2,
    CandidatePostalCode,
    CandidateCity,
    CandidateCountry,
    CertificateCode,
    Route,
    Employer,
    EmployerName,
    EmployerSiret,
    EmployerContactEmail,
    EmployerContactEmailOverride,
    TrainingOrganisation,
    TrainingOrganisationName,
    TrainingOrganisationSiret,
    SectorProfessional,
    ExternalAssessor,
    EvaluationDate,
    SignedBySectorProfessional,
    SignedByExternalAssessor,
    CandidateObservations,
    AdmissibilityRequestDate,
    Activities,
    ActivityStart,
    ActivityEnd,
    ActivityDescription,
    AdmissibilityReviewedBy,
    AdmissibilityReviewedOn,
    EvaluationCompetence,
    EvaluationElements,
    ElementLabel,
    ElementStatus,
    EarlierValidationCompetence,
    EarlierValidationDate,
    Documents,
}

/// <summary>
/// One field of a dossier, independent of where it was typed: <see cref="Index"/> is the position
/// of the activity, evaluation or earlier validation, <see cref="Item"/> the position of a grid
/// element in its evaluation, <see cref="Code"/> the competence code of an evaluation. A
/// <see cref="DossierFieldMap"/> names it for the form or for the import.
/// </summary>
public readonly record struct DossierField(DossierFieldKind Kind, int Index = -1, int Item = -1, string? Code = null);

/// <summary>How one channel (the form, one dossier of an import file) names fields and locates messages.</summary>
public abstract class DossierFieldMap
{
    /// <summary>The field's name as <see cref="FieldError.Field"/>.</summary>
    public abstract string Name(DossierField field);

    /// <summary>
    /// The message as this channel shows it. <paramref name="location"/> is the human location of a
    /// line in a list ("Période d'activité n° 2"): the form starts the message with it, the import
    /// does not need it (its JSON path says where).
    /// </summary>
    public abstract string Locate(string? location, string message);

    /// <summary>
    /// Where <paramref name="field"/> is, as a complement of place: the import gives its path
    /// ("en $.dossiers[0].evaluations[1]"), the form the <paramref name="phrase"/> written for a
    /// reader of the page ("à la validation antérieure n° 1").
    /// </summary>
    public abstract string Refer(DossierField field, string phrase);

    /// <summary>Message text starting in lower case after a location ("… : la date …"); acronyms ("CQP", "SIRET") keep their case.</summary>
    protected static string LowerFirst(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1])
            ? char.ToLower(message[0], CultureInfo.InvariantCulture) + message[1..]
            : message;
}

/// <summary>The dossier forms' field names ("CandidateLastName", "Activities[0].End", "Evaluations[C3].Elements[2].Label").</summary>
public sealed class DossierFormFields : DossierFieldMap
{
    public static DossierFormFields Instance { get; } = new();

    private DossierFormFields()
    {
    }

    public override string Name(DossierField field) => field.Kind switch
    {
        DossierFieldKind.ExistingCandidate => "ExistingCandidateId",
        DossierFieldKind.CandidateAddressLine1 => "CandidateAddress.Line1",
        DossierFieldKind.CandidateAddressLine2 => "CandidateAddress.Line2",
        DossierFieldKind.CandidatePostalCode => "CandidateAddress.PostalCode",
        DossierFieldKind.CandidateCity => "CandidateAddress.City",
        DossierFieldKind.CandidateCountry => "CandidateAddress.Country",
        DossierFieldKind.Employer or DossierFieldKind.EmployerName or DossierFieldKind.EmployerSiret or DossierFieldKind.EmployerContactEmail => "EmployerId",
        DossierFieldKind.TrainingOrganisation or DossierFieldKind.TrainingOrganisationName or DossierFieldKind.TrainingOrganisationSiret => "TrainingOrganisationId",
        DossierFieldKind.SectorProfessional => "SectorProfessionalId",
        DossierFieldKind.ExternalAssessor => "ExternalAssessorId",
        DossierFieldKind.AdmissibilityReviewedBy => "AdmissibilityReviewedBy",
        DossierFieldKind.AdmissibilityReviewedOn => "AdmissibilityReviewedOn",
        DossierFieldKind.Activities => "Activities",
        DossierFieldKind.ActivityStart => $"Activities[{field.Index}].Start",
        DossierFieldKind.ActivityEnd => $"Activities[{field.Index}].End",
        DossierFieldKind.ActivityDescription => $"Activities[{field.Index}].Description",
        DossierFieldKind.EvaluationCompetence => $"Evaluations[{field.Code}]",
        DossierFieldKind.EvaluationElements => $"Evaluations[{field.Code}].Elements",
        DossierFieldKind.ElementLabel => $"Evaluations[{field.Code}].Elements[{field.Item}].Label",
        DossierFieldKind.ElementStatus => $"Evaluations[{field.Code}].Elements[{field.Item}].Status",
        DossierFieldKind.EarlierValidationCompetence => $"EarlierValidations[{field.Index}].CompetenceCode",
        DossierFieldKind.EarlierValidationDate => $"EarlierValidations[{field.Index}].ValidatedOn",
        _ => field.Kind.ToString(),
    };

    public override string Locate(string? location, string message) =>
        location is null ? message : $"{location} : {LowerFirst(message)}";

    public override string Refer(DossierField field, string phrase) => phrase;
}

/// <summary>JSON paths of one dossier of an import file ("$.dossiers[2].evaluations[0].elements[1].status").</summary>
public sealed class DossierJsonPaths(string dossierPath) : DossierFieldMap
{
    public string DossierPath { get; } = dossierPath;

    public override string Name(DossierField field)
    {
        var p = DossierPath;
        return field.Kind switch
        {
            DossierFieldKind.ExistingCandidate => $"{p}.candidate",
            DossierFieldKind.CandidateLastName => $"{p}.candidate.lastName",
            DossierFieldKind.CandidateFirstName => $"{p}.candidate.firstName",
            DossierFieldKind.CandidateBirthDate => $"{p}.candidate.birthDate",
            DossierFieldKind.CandidateEmail => $"{p}.candidate.email",
            DossierFieldKind.CandidateAddressLine1 => $"{p}.candidate.postalAddress.line1",
            DossierFieldKind.CandidateAddressLine2 => $"{p}.candidate.postalAddress.line2",
            DossierFieldKind.CandidatePostalCode => $"{p}.candidate.postalAddress.postalCode",
            DossierFieldKind.CandidateCity => $"{p}.candidate.postalAddress.city",
            DossierFieldKind.CandidateCountry => $"{p}.candidate.postalAddress.country",
            DossierFieldKind.CertificateCode => $"{p}.certificateCode",
            DossierFieldKind.Route => $"{p}.route",
            DossierFieldKind.Employer => $"{p}.employer",
            DossierFieldKind.EmployerName => $"{p}.employer.name",
            DossierFieldKind.EmployerSiret => $"{p}.employer.siret",
            DossierFieldKind.EmployerContactEmail => $"{p}.employer.contactEmail",
            DossierFieldKind.EmployerContactEmailOverride => $"{p}.employerContactEmail",
            DossierFieldKind.TrainingOrganisation => $"{p}.trainingOrganisation",
            DossierFieldKind.TrainingOrganisationName => $"{p}.trainingOrganisation.name",
            DossierFieldKind.TrainingOrganisationSiret => $"{p}.trainingOrganisation.siret",
            DossierFieldKind.SectorProfessional => $"{p}.sectorProfessional",
            DossierFieldKind.ExternalAssessor => $"{p}.externalAssessor",
            DossierFieldKind.EvaluationDate => $"{p}.evaluationDate",
            DossierFieldKind.SignedBySectorProfessional => $"{p}.signedBySectorProfessional",
            DossierFieldKind.SignedByExternalAssessor => $"{p}.signedByExternalAssessor",
            DossierFieldKind.CandidateObservations => $"{p}.candidateObservations",
            DossierFieldKind.AdmissibilityRequestDate => $"{p}.admissibility.requestDate",
            DossierFieldKind.Activities => $"{p}.admissibility.activities",
            DossierFieldKind.ActivityStart => $"{Activity(field)}.start",
            DossierFieldKind.ActivityEnd => $"{Activity(field)}.end",
            DossierFieldKind.ActivityDescription => $"{Activity(field)}.description",
            DossierFieldKind.AdmissibilityReviewedBy => $"{p}.admissibility.review.reviewedBy",
            DossierFieldKind.AdmissibilityReviewedOn => $"{p}.admissibility.review.reviewedOn",
            DossierFieldKind.EvaluationCompetence => $"{Evaluation(field)}.competenceCode",
            DossierFieldKind.EvaluationElements => $"{Evaluation(field)}.elements",
            DossierFieldKind.ElementLabel => $"{Element(field)}.label",
            DossierFieldKind.ElementStatus => $"{Element(field)}.status",
            DossierFieldKind.EarlierValidationCompetence => $"{EarlierValidation(field)}.competenceCode",
            DossierFieldKind.EarlierValidationDate => $"{EarlierValidation(field)}.validatedOn",
            _ => p,
        };
    }

    public override string Locate(string? location, string message) => message;

    public override string Refer(DossierField field, string phrase) => "en " + field.Kind switch
    {
        DossierFieldKind.EvaluationCompetence => Evaluation(field),
        DossierFieldKind.EarlierValidationCompetence => EarlierValidation(field),
        _ => Name(field),
    };

    private string Activity(DossierField f) => ImportJsonReader.Item(DossierPath + ".admissibility.activities", f.Index);

    private string Evaluation(DossierField f) => ImportJsonReader.Item(DossierPath + ".evaluations", f.Index);

    private string Element(DossierField f) => ImportJsonReader.Item(Evaluation(f) + ".elements", f.Item);

    private string EarlierValidation(DossierField f) => ImportJsonReader.Item(DossierPath + ".earlierValidations", f.Index);
}
