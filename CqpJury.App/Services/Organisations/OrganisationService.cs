using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Organisations;

/// <summary>Employers and training organisations (with their SIRET where known): list, create, edit. Secretariat only.</summary>
public sealed class OrganisationService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    AuditLog audit)
{
    public const int NameMaxLength = 200;
    public const int CityMaxLength = 100;

    /// <summary>The organisations, by name; only one kind when <paramref name="kind"/> is given.</summary>
    public async Task<IReadOnlyList<OrganisationView>> ListAsync(OrganisationKind? kind = null, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les organisations", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Organisations.AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(o => o.Kind == k);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return rows
            .OrderBy(o => o.Name, StringComparer.Create(Domain.Common.FrenchFormat.Culture, ignoreCase: true))
            .Select(o => new OrganisationView(o.Id, o.Name, o.Kind, o.Siret, o.City, o.ContactEmail))
            .ToList();
    }

    /// <summary>The organisation's current values, to edit them.</summary>
    public async Task<OrganisationInput> GetForEditAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter une organisation", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new UserFacingException("Cette organisation n'existe pas (ou plus).");
        return new OrganisationInput
        {
            Name = organisation.Name, Kind = organisation.Kind, Siret = organisation.Siret, City = organisation.City, ContactEmail = organisation.ContactEmail,
        };
    }

    /// <summary>Creates an organisation; every problem is reported at once and nothing is saved.</summary>
    public async Task<Guid> CreateAsync(OrganisationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("créer une organisation", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var valid = await ValidateAsync(db, input, null, cancellationToken);
        var organisation = new Organisation { Id = Guid.NewGuid() };
        valid.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        audit.Add(db, actor, "Création d'une organisation", details: Describe(organisation));
        await SaveAsync(db, cancellationToken);
        return organisation.Id;
    }

    /// <summary>Changes an organisation; every problem is reported at once and nothing is saved.</summary>
    public async Task UpdateAsync(Guid id, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("modifier une organisation", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new UserFacingException("Cette organisation n'existe pas (ou plus).");
        var valid = await ValidateAsync(db, input, id, cancellationToken);
        var before = Describe(organisation);
        valid.ApplyTo(organisation);
        audit.Add(db, actor, "Modification d'une organisation", details: $"{before} → {Describe(organisation)}");
        await SaveAsync(db, cancellationToken);
    }

    private static async Task<ValidOrganisation> ValidateAsync(CqpJuryDbContext db, OrganisationInput input, Guid? editedId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add(new(nameof(OrganisationInput.Name), "Indiquez le nom de l'organisation."));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new(nameof(OrganisationInput.Name), $"Le nom ne doit pas dépasser {NameMaxLength} caractères."));
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new(nameof(OrganisationInput.Kind), "Choisissez le type : entreprise ou organisme de formation."));
            kind = default;
        }

        var siret = SiretNumber.Normalize(input.Siret);
        if (siret is not null)
        {
            if (SiretNumber.Problem(siret) is { } problem)
            {
                errors.Add(new(nameof(OrganisationInput.Siret), problem));
            }
            else if (await db.Organisations.AnyAsync(o => o.Siret == siret && o.Id != editedId, cancellationToken))
            {
                errors.Add(new(nameof(OrganisationInput.Siret), DuplicateSiretMessage));
            }
        }

        var city = string.IsNullOrWhiteSpace(input.City) ? null : input.City.Trim();
        if (city is { Length: > CityMaxLength })
        {
            errors.Add(new(nameof(OrganisationInput.City), $"La ville ne doit pas dépasser {CityMaxLength} caractères."));
        }

        var contact = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        if (contact is not null && !EmailAddressRule.IsValid(contact))
        {
            errors.Add(new(nameof(OrganisationInput.ContactEmail), EmailAddressRule.InvalidMessage));
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return new ValidOrganisation(name, kind, siret, city, contact);
    }

    private const string DuplicateSiretMessage = "Une organisation porte déjà ce SIRET.";

    /// <summary>Saves; a SIRET taken in between by someone else (unique index) is reported like the check above.</summary>
    private static async Task SaveAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex, "Organisations", nameof(Organisation.Siret)))
        {
            throw new InputValidationException(nameof(OrganisationInput.Siret), DuplicateSiretMessage);
        }
    }

    private static string Describe(Organisation o) =>
        $"{o.Name} ({o.Kind.ToFrench()}{(o.Siret is null ? string.Empty : ", SIRET " + o.Siret)}{(o.City is null ? string.Empty : ", " + o.City)}{(o.ContactEmail is null ? string.Empty : ", " + o.ContactEmail)})";

    private sealed record ValidOrganisation(string Name, OrganisationKind Kind, string? Siret, string? City, string? ContactEmail)
    {
        public void ApplyTo(Organisation organisation)
        {
            organisation.Name = Name;
            organisation.Kind = Kind;
            organisation.Siret = Siret;
            organisation.City = City;
            organisation.ContactEmail = ContactEmail;
        }
    }
}
