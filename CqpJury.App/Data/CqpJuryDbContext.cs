using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Data;

/// <summary>
/// The app's database. Provider-neutral: each provider has a derived context
/// (<see cref="SqliteCqpJuryDbContext"/>, <see cref="PostgresCqpJuryDbContext"/>) that owns its migrations set.
/// Services use <c>IDbContextFactory&lt;CqpJuryDbContext&gt;</c>, one context per operation.
/// The keys protecting sign-in cookies live here too, so every instance reads the same ones.
/// </summary>
public class CqpJuryDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<EvaluatorEntity> Evaluators => Set<EvaluatorEntity>();

    public DbSet<JuryMemberEntity> JuryMembers => Set<JuryMemberEntity>();

    public DbSet<MemberOrganisationLink> MemberLinks => Set<MemberOrganisationLink>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<Candidate> Candidates => Set<Candidate>();

    public DbSet<DossierEntity> Dossiers => Set<DossierEntity>();

    public DbSet<CompetenceEvaluationEntity> CompetenceEvaluations => Set<CompetenceEvaluationEntity>();

    public DbSet<DossierDocument> Documents => Set<DossierDocument>();

    public DbSet<JurySession> Sessions => Set<JurySession>();

    public DbSet<SessionMember> SessionMembers => Set<SessionMember>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SessionAttendance> Attendances => Set<SessionAttendance>();

    public DbSet<PresidencyEvent> PresidencyEvents => Set<PresidencyEvent>();

    public DbSet<ConflictDeclaration> ConflictDeclarations => Set<ConflictDeclaration>();

    public DbSet<StandAside> StandAsides => Set<StandAside>();

    public DbSet<DeliberationRecord> Deliberations => Set<DeliberationRecord>();

    public DbSet<DeliberationEvent> DeliberationEvents => Set<DeliberationEvent>();

    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasIndex(u => u.JuryMemberId).IsUnique();
        });

        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200).IsRequired();
            e.Property(o => o.Siret).HasMaxLength(14);
            e.Property(o => o.City).HasMaxLength(100);
            e.HasIndex(o => o.Siret).IsUnique();
        });

        builder.Entity<EvaluatorEntity>(e =>
        {
            e.ToTable("Evaluators");
            e.Property(x => x.LastName).HasMaxLength(100).IsRequired();
            e.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Email).HasMaxLength(200);
            e.Ignore(x => x.FullName);
        });

        builder.Entity<JuryMemberEntity>(e =>
        {
            e.ToTable("JuryMembers");
            e.Property(x => x.LastName).HasMaxLength(100).IsRequired();
            e.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Email).HasMaxLength(200).IsRequired();
            e.HasIndex(x => x.Email).IsUnique();
            e.Property(x => x.OrganisationName).HasMaxLength(200);
            e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Links).WithOne().HasForeignKey(l => l.JuryMemberId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.FullName);
        });

        builder.Entity<MemberOrganisationLink>(e =>
        {
            e.Property(x => x.Description).HasMaxLength(300);
            e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.JuryMemberId, x.OrganisationId }).IsUnique();
        });

        builder.Entity<Invitation>(e =>
        {
            e.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasOne(x => x.JuryMember).WithMany().HasForeignKey(x => x.JuryMemberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Candidate>(e =>
        {
            e.Property(x => x.LastName).HasMaxLength(100).IsRequired();
            e.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Email).HasMaxLength(200);
            e.HasMany(x => x.Dossiers).WithOne(d => d.Candidate).HasForeignKey(d => d.CandidateId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.FullName);
            e.Ignore(x => x.OfficialName);
        });

        builder.Entity<DossierEntity>(e =>
        {
            e.ToTable("Dossiers");
            e.Property(x => x.Reference).HasMaxLength(30).IsRequired();
            e.HasIndex(x => x.Reference).IsUnique();
            e.Property(x => x.CertificateCode).HasMaxLength(50).IsRequired();
            e.Property(x => x.CandidateObservations).HasMaxLength(8000);
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
        });

        builder.Entity<ActivityPeriodEntity>(e =>
        {
            e.ToTable("ActivityPeriods");
            e.Property(x => x.Description).HasMaxLength(500);
        });

        builder.Entity<CompetenceEvaluationEntity>(e =>
        {
            e.ToTable("CompetenceEvaluations");
            e.Property(x => x.CompetenceCode).HasMaxLength(20).IsRequired();
            e.HasIndex(x => new { x.DossierId, x.CompetenceCode }).IsUnique();
            e.HasMany(x => x.Elements).WithOne().HasForeignKey(x => x.CompetenceEvaluationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<GridElementEntity>(e =>
        {
            e.ToTable("GridElements");
            e.Property(x => x.Label).HasMaxLength(500).IsRequired();
        });

        builder.Entity<EarlierValidationEntity>(e =>
        {
            e.ToTable("EarlierValidations");
            e.Property(x => x.CompetenceCode).HasMaxLength(20).IsRequired();
        });

        builder.Entity<DossierDocument>(e =>
        {
            e.ToTable("DossierDocuments");
            e.Property(x => x.OriginalFileName).HasMaxLength(260).IsRequired();
            e.Property(x => x.StoredFileName).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.StoredFileName).IsUnique();
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(200);
        });

        builder.Entity<JurySession>(e =>
        {
            e.ToTable("JurySessions");
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Place).HasMaxLength(300);
            e.Property(x => x.VideoLink).HasMaxLength(500);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SessionMember>(e =>
        {
            e.ToTable("SessionMembers");
            e.HasKey(x => new { x.SessionId, x.JuryMemberId });
            e.HasOne(x => x.JuryMember).WithMany().HasForeignKey(x => x.JuryMemberId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AgendaItem>(e =>
        {
            e.ToTable("AgendaItems");
            e.HasIndex(x => new { x.SessionId, x.DossierId }).IsUnique();
            e.HasOne(x => x.Dossier).WithMany().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(x => x.UserName).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(100).IsRequired();
            e.Property(x => x.Details).HasMaxLength(4000);
            e.HasIndex(x => new { x.SessionId, x.At });
        });

        builder.Entity<JurySession>(e =>
        {
            e.Property(x => x.ClosedBy).HasMaxLength(200);
        });

        builder.Entity<SessionAttendance>(e =>
        {
            e.ToTable("SessionAttendances");
            e.HasKey(x => new { x.SessionId, x.JuryMemberId });
        });

        builder.Entity<PresidencyEvent>(e =>
        {
            e.ToTable("PresidencyEvents");
            e.HasIndex(x => x.SessionId);
        });

        builder.Entity<ConflictDeclaration>(e =>
        {
            e.ToTable("ConflictDeclarations");
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.HasIndex(x => new { x.SessionId, x.DossierId, x.JuryMemberId }).IsUnique();
        });

        builder.Entity<StandAside>(e =>
        {
            e.ToTable("StandAsides");
            e.HasIndex(x => new { x.SessionId, x.DossierId, x.JuryMemberId }).IsUnique();
        });

        builder.Entity<DeliberationRecord>(e =>
        {
            e.ToTable("Deliberations");
            e.HasIndex(x => new { x.SessionId, x.DossierId }).IsUnique();
            e.Property(x => x.PanelMemberIds).HasMaxLength(400).IsRequired();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.DecidedValidations).HasMaxLength(400);
            e.Property(x => x.Comments).HasMaxLength(8000);
            e.Property(x => x.ObservationsAnswer).HasMaxLength(8000);
            e.Property(x => x.SignedByName).HasMaxLength(200);
            e.Property(x => x.PostponementReason).HasMaxLength(2000);
            e.Property(x => x.RecusedMemberIds).HasMaxLength(400).IsRequired();
            e.Ignore(x => x.Panel);
            e.Ignore(x => x.Recused);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.DeliberationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IssuedDocument>(e =>
        {
            e.ToTable("IssuedDocuments");
            e.Property(x => x.VerificationCode).HasMaxLength(14).IsRequired();
            e.HasIndex(x => x.VerificationCode).IsUnique();
            e.HasIndex(x => new { x.SessionId, x.Kind, x.DossierId }).IsUnique();
            // Session-wide documents (minutes, attendance sheet) have no dossier: NULLs are distinct in a
            // unique index, so a filtered one keeps them to one per session and kind.
            e.HasIndex(x => new { x.SessionId, x.Kind }).IsUnique().HasFilter("\"DossierId\" IS NULL").HasDatabaseName("IX_IssuedDocuments_SessionWide");
            e.Property(x => x.Title).HasMaxLength(300).IsRequired();
            e.Property(x => x.CandidateName).HasMaxLength(250);
            e.Property(x => x.CertificateTitle).HasMaxLength(200);
            e.Property(x => x.Statement).HasMaxLength(500);
            e.Property(x => x.ContentHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.FileSha256).HasMaxLength(64).IsRequired();
            e.Property(x => x.StoredFileName).HasMaxLength(100).IsRequired();
            e.Property(x => x.IssuedBy).HasMaxLength(200);
        });

        builder.Entity<DeliberationEvent>(e =>
        {
            e.ToTable("DeliberationEvents");
            e.HasIndex(x => new { x.DeliberationId, x.Version }).IsUnique();
            e.Property(x => x.Payload).HasMaxLength(20000);
        });
    }
}
