using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Data;

/// <summary>The one query shape that loads a dossier with everything <see cref="DossierEntity.ToDomain"/> and the screens need.</summary>
public static class DossierQueries
{
    /// <summary>Candidate, organisations, evaluators, grids, earlier validations, VAE periods and documents (split query).</summary>
    public static IQueryable<DossierEntity> WithContent(this IQueryable<DossierEntity> dossiers) =>
        dossiers
            .Include(d => d.Candidate)
            .Include(d => d.Employer)
            .Include(d => d.TrainingOrganisation)
            .Include(d => d.SectorProfessional)
            .Include(d => d.ExternalAssessor)
            .Include(d => d.Evaluations).ThenInclude(e => e.Elements)
            .Include(d => d.EarlierValidations)
            .Include(d => d.ActivityPeriods)
            .Include(d => d.Documents)
            .AsSplitQuery();

    /// <summary>
    /// Where a dossier's decision goes (R14, R15, R17): the candidate's e-mail and postal address, and
    /// the employer's effective e-mail (<see cref="DossierEntity.EffectiveEmployerEmail"/>), read without tracking.
    /// </summary>
    public static IQueryable<DossierAddresses> Addresses(this IQueryable<DossierEntity> dossiers) =>
        dossiers.AsNoTracking().Select(d => new DossierAddresses(
            d.Id,
            d.Candidate!.Email,
            d.Candidate.PostalAddress,
            d.EmployerId == null ? null : d.EmployerContactEmailOverride ?? d.Employer!.ContactEmail));
}

/// <summary>A dossier's recipients: the candidate (e-mail, postal address) and the employer's e-mail, when known.</summary>
public sealed record DossierAddresses(Guid DossierId, string? CandidateEmail, PostalAddress? CandidatePostalAddress, string? EmployerEmail)
{
    /// <summary>No e-mail for the candidate: the decision is posted or handed over.</summary>
    public bool HandDelivery => CandidateEmail is null;
}
