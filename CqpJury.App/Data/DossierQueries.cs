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
}
