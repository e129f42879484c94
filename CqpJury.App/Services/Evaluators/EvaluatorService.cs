using CqpJury.App.Services.Members;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Evaluators;

/// <summary>Evaluators and their CPEF habilitation (R7): list with status as of today, create, edit. Secretariat only.</summary>
public sealed class EvaluatorService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit,
    TimeProvider clock)
{
    public const int NameMaxLength = 100;

    /// <summary>Today in France, from the app's clock.</summary>
    private DateOnly Today => FrenchTime.Today(clock);

    /// <summary>The evaluators by last name, each with their habilitation status today (R7).</summary>
    public async Task<IReadOnlyList<EvaluatorView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les évaluateurs", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Evaluators.AsNoTracking().ToListAsync(cancellationToken);
        var today = Today;
        var comparer = StringComparer.Create(FrenchFormat.Culture, ignoreCase: true);
        return rows
            .OrderBy(e => e.LastName, comparer)
            .ThenBy(e => e.FirstName, comparer)
            .Select(e => new EvaluatorView(e.Id, e.LastName, e.FirstName, e.Email, e.Role, e.HabilitatedFrom, e.HabilitatedUntil, StatusOn(e.ToDomain(), today)))
            .ToList();
    }

    /// <summary>R7: habilitated on <paramref name="date"/>, not yet, or no longer.</summary>
    public static HabilitationStatus StatusOn(Evaluator evaluator, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        if (evaluator.IsHabilitatedOn(date))
        {
            return HabilitationStatus.Valid;
        }

        return evaluator.HabilitatedFrom is not { } from || date < from ? HabilitationStatus.NotYetValid : HabilitationStatus.Expired;
    }

    public async Task<EvaluatorInput> GetForEditAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter un évaluateur", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var e = await db.Evaluators.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new UserFacingException("Cet évaluateur n'existe pas (ou plus).");
        return new EvaluatorInput
        {
            LastName = e.LastName,
            FirstName = e.FirstName,
            Email = e.Email,
            Role = e.Role,
            HabilitatedFrom = e.HabilitatedFrom,
            HabilitatedUntil = e.HabilitatedUntil,
        };
    }

    public async Task<Guid> CreateAsync(EvaluatorInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("créer un évaluateur", cancellationToken);
        var valid = Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var evaluator = new EvaluatorEntity { Id = Guid.NewGuid() };
        valid.ApplyTo(evaluator);
        db.Evaluators.Add(evaluator);
        audit.Add(db, actor, "Création d'un évaluateur", details: Describe(evaluator));
        await db.SaveChangesAsync(cancellationToken);
        return evaluator.Id;
    }

    public async Task UpdateAsync(Guid id, EvaluatorInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("modifier un évaluateur", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var evaluator = await db.Evaluators.FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new UserFacingException("Cet évaluateur n'existe pas (ou plus).");
        var valid = Validate(input);
        var before = Describe(evaluator);
        valid.ApplyTo(evaluator);
        audit.Add(db, actor, "Modification d'un évaluateur", details: $"{before} → {Describe(evaluator)}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ValidEvaluator Validate(EvaluatorInput input)
    {
        var errors = new List<FieldError>();
        var lastName = Required(input.LastName, nameof(EvaluatorInput.LastName), "Indiquez le nom.", errors);
        var firstName = Required(input.FirstName, nameof(EvaluatorInput.FirstName), "Indiquez le prénom.", errors);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && !EmailAddressRule.IsValid(email))
        {
            errors.Add(new(nameof(EvaluatorInput.Email), EmailAddressRule.InvalidMessage));
        }

        if (input.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(new(nameof(EvaluatorInput.Role), "Choisissez le rôle : professionnel du secteur ou évaluateur externe."));
            role = default;
        }

        if (input.HabilitatedFrom is null)
        {
            errors.Add(new(nameof(EvaluatorInput.HabilitatedFrom), "Indiquez la date de début de l'habilitation."));
        }
        else if (input.HabilitatedUntil is { } until && until < input.HabilitatedFrom)
        {
            errors.Add(new(nameof(EvaluatorInput.HabilitatedUntil),
                $"La fin de l'habilitation ne peut pas précéder son début ({FrenchFormat.Date(input.HabilitatedFrom.Value)})."));
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return new ValidEvaluator(lastName, firstName, email, role, input.HabilitatedFrom!.Value, input.HabilitatedUntil);
    }

    private static string Required(string? value, string field, string message, List<FieldError> errors)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors.Add(new(field, message));
        }
        else if (trimmed.Length > NameMaxLength)
        {
            errors.Add(new(field, $"Ce champ ne doit pas dépasser {NameMaxLength} caractères."));
        }

        return trimmed;
    }

    private static string Describe(EvaluatorEntity e) =>
        $"{e.FullName}, {e.Role.ToFrench()}, habilité(e) du {(e.HabilitatedFrom is { } f ? FrenchFormat.Date(f) : "?")}"
        + (e.HabilitatedUntil is { } u ? $" au {FrenchFormat.Date(u)}" : " sans date de fin");

    private sealed record ValidEvaluator(string LastName, string FirstName, string? Email, EvaluatorRole Role, DateOnly From, DateOnly? Until)
    {
        public void ApplyTo(EvaluatorEntity e)
        {
            e.LastName = LastName;
            e.FirstName = FirstName;
            e.Email = Email;
            e.Role = Role;
            e.HabilitatedFrom = From;
            e.HabilitatedUntil = Until;
        }
    }
}
