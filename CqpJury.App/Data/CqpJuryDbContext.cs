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

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<SessionConvocation> SessionConvocations => Set<SessionConvocation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        // One IEntityTypeConfiguration per entity, grouped by aggregate in Data/Configurations/.
        builder.ApplyConfigurationsFromAssembly(typeof(CqpJuryDbContext).Assembly, t => t.Namespace == typeof(Configurations.AuditEntryConfiguration).Namespace);
    }
}
