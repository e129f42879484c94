using System.Net.Mail;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Referential;
using Microsoft.EntityFrameworkCore;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// Field checks shared by the dossier forms (creation and edit). Every method adds its errors to
/// a list: the service throws once with all of them.
/// </summary>
internal static class DossierValidation
{
    public const int NameMax = 100;
    public const int EmailMax = 200;
    public const int ObservationsMax = 8000;
    public const int LabelMax = 500;
    public const int DescriptionMax = 500;
    public const int ReviewerMax = 200;

    public static void Required(List<FieldError> errors, string field, string? value, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"{label} est obligatoire."));
        }
        else
        {
            MaxLength(errors, field, value, label, max);
        }
    }

    public static void MaxLength(List<FieldError> errors, string field, string? value, string label, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(new FieldError(field, $"{label} ne doit pas dépasser {max} caractères."));
        }
    }

    public static void Email(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        MaxLength(errors, field, value, "L'adresse électronique", EmailMax);
        if (!MailAddress.TryCreate(value.Trim(), out var parsed) || !string.Equals(parsed.Address, value.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError(field, "L'adresse électronique n'est pas valide."));
        }
    }

    public static void BirthDate(List<FieldError> errors, string field, DateOnly? value, DateOnly today)
    {
        if (value is { } born && (born >= today || born < today.AddYears(-100)))
        {
            errors.Add(new FieldError(field, "La date de naissance n'est pas plausible."));
        }
    }

    /// <summary>Employer, training organisation and evaluators exist; signatures need an evaluator and a past evaluation date (R7).</summary>
    public static async Task PartiesAsync(
        CqpJuryDbContext db,
        List<FieldError> errors,
        Guid? employerId,
        Guid? trainingOrganisationId,
        Guid? sectorProfessionalId,
        Guid? externalAssessorId,
        DateOnly? evaluationDate,
        bool signedBySectorProfessional,
        bool signedByExternalAssessor,
        DateOnly today,
        CancellationToken cancellationToken)
    {
        if (employerId is { } employer && !await db.Organisations.AnyAsync(o => o.Id == employer, cancellationToken))
        {
            errors.Add(new FieldError("EmployerId", "L'entreprise choisie n'existe plus."));
        }

        if (trainingOrganisationId is { } training
            && !await db.Organisations.AnyAsync(o => o.Id == training && o.Kind == OrganisationKind.TrainingOrganisation, cancellationToken))
        {
            errors.Add(new FieldError("TrainingOrganisationId", "L'organisme de formation choisi n'existe pas."));
        }

        await EvaluatorAsync(db, errors, "SectorProfessionalId", sectorProfessionalId, EvaluatorRole.SectorProfessional, cancellationToken);
        await EvaluatorAsync(db, errors, "ExternalAssessorId", externalAssessorId, EvaluatorRole.ExternalAssessor, cancellationToken);

        if (signedBySectorProfessional && sectorProfessionalId is null)
        {
            errors.Add(new FieldError("SignedBySectorProfessional", "Désignez le professionnel du secteur avant d'indiquer qu'il a signé."));
        }

        if (signedByExternalAssessor && externalAssessorId is null)
        {
            errors.Add(new FieldError("SignedByExternalAssessor", "Désignez l'évaluateur externe avant d'indiquer qu'il a signé."));
        }

        if (evaluationDate is { } evaluated && evaluated > today)
        {
            errors.Add(new FieldError("EvaluationDate", $"La date de l'évaluation ne peut pas être postérieure à aujourd'hui ({FrenchFormat.Date(today)})."));
        }
        else if (evaluationDate is null && (signedBySectorProfessional || signedByExternalAssessor))
        {
            errors.Add(new FieldError("EvaluationDate", "Indiquez la date de l'évaluation signée."));
        }
    }

    private static async Task EvaluatorAsync(
        CqpJuryDbContext db, List<FieldError> errors, string field, Guid? id, EvaluatorRole role, CancellationToken cancellationToken)
    {
        if (id is not { } evaluatorId)
        {
            return;
        }

        var found = await db.Evaluators.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evaluatorId, cancellationToken);
        if (found is null)
        {
            errors.Add(new FieldError(field, "L'évaluateur choisi n'existe plus."));
        }
        else if (found.Role != role)
        {
            errors.Add(new FieldError(field, $"{found.FullName} n'est pas enregistré(e) comme {role.ToFrench().ToLower(FrenchFormat.Culture)}."));
        }
    }

    public static void Certificate(List<FieldError> errors, ReferentialCatalog catalog, string? code, out CertificateDefinition? certificate)
    {
        certificate = null;
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(new FieldError("CertificateCode", "Choisissez le CQP visé."));
        }
        else if ((certificate = catalog.Find(code)) is null)
        {
            errors.Add(new FieldError("CertificateCode", $"CQP inconnu : « {code} »."));
        }
    }

    public static bool IsDefined(Route route) => Enum.IsDefined(route);
}
