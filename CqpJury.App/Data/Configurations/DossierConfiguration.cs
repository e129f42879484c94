using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>
/// The dossier aggregate: the dossier, its VAE activity periods (R5.3), its evaluation grids (R2, R7),
/// earlier validations (R4.2) and uploaded documents (R6).
/// </summary>
internal sealed class DossierConfiguration : IEntityTypeConfiguration<DossierEntity>
{
    public void Configure(EntityTypeBuilder<DossierEntity> e)
    {
        e.ToTable("Dossiers");
        e.Property(x => x.Reference).HasMaxLength(30).IsRequired();
        e.HasIndex(x => x.Reference).IsUnique();
        e.Property(x => x.CertificateCode).HasMaxLength(50).IsRequired();
        e.Property(x => x.CandidateObservations).HasMaxLength(8000);
        e.Property(x => x.EmployerContactEmailOverride).HasMaxLength(200);
        e.Ignore(x => x.EffectiveEmployerEmail);
        e.Property(x => x.AdmissibilityReviewedBy).HasMaxLength(200);
        e.Property(x => x.CompletenessCheckedBy).HasMaxLength(200);
        e.Property(x => x.CompletenessFindings).HasMaxLength(8000);
        e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        e.HasOne(x => x.Employer).WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.TrainingOrganisation).WithMany().HasForeignKey(x => x.TrainingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SectorProfessional).WithMany().HasForeignKey(x => x.SectorProfessionalId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ExternalAssessor).WithMany().HasForeignKey(x => x.ExternalAssessorId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.ActivityPeriods).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Evaluations).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.EarlierValidations).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActivityPeriodConfiguration : IEntityTypeConfiguration<ActivityPeriodEntity>
{
    public void Configure(EntityTypeBuilder<ActivityPeriodEntity> e)
    {
        e.ToTable("ActivityPeriods");
        e.Property(x => x.Description).HasMaxLength(500);
    }
}

internal sealed class CompetenceEvaluationConfiguration : IEntityTypeConfiguration<CompetenceEvaluationEntity>
{
    public void Configure(EntityTypeBuilder<CompetenceEvaluationEntity> e)
    {
        e.ToTable("CompetenceEvaluations");
        e.Property(x => x.CompetenceCode).HasMaxLength(20).IsRequired();
        e.HasIndex(x => new { x.DossierId, x.CompetenceCode }).IsUnique();
        e.HasMany(x => x.Elements).WithOne().HasForeignKey(x => x.CompetenceEvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GridElementConfiguration : IEntityTypeConfiguration<GridElementEntity>
{
    public void Configure(EntityTypeBuilder<GridElementEntity> e)
    {
        e.ToTable("GridElements");
        e.Property(x => x.Label).HasMaxLength(500).IsRequired();

        // The statistics count a grid's elements per (essential, status) for every decided competence
        // (R2.1, issue 24): with both columns in the foreign key's index, the count is read from the
        // index alone, never from the rows and their labels (it also serves as the foreign key's index).
        e.HasIndex(x => new { x.CompetenceEvaluationId, x.IsEssential, x.Status });
    }
}

internal sealed class EarlierValidationConfiguration : IEntityTypeConfiguration<EarlierValidationEntity>
{
    public void Configure(EntityTypeBuilder<EarlierValidationEntity> e)
    {
        e.ToTable("EarlierValidations");
        e.Property(x => x.CompetenceCode).HasMaxLength(20).IsRequired();
    }
}

internal sealed class DossierDocumentConfiguration : IEntityTypeConfiguration<DossierDocument>
{
    public void Configure(EntityTypeBuilder<DossierDocument> e)
    {
        e.ToTable("DossierDocuments");
        e.Property(x => x.OriginalFileName).HasMaxLength(260).IsRequired();
        e.Property(x => x.StoredFileName).HasMaxLength(100).IsRequired();
        e.HasIndex(x => x.StoredFileName).IsUnique();
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(200);
    }
}
