using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
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

    public DbSet<ConfidentialityAcceptance> ConfidentialityAcceptances => Set<ConfidentialityAcceptance>();

    public DbSet<DossierAccessEntry> DossierAccesses => Set<DossierAccessEntry>();

    public DbSet<JournalHead> JournalHeads => Set<JournalHead>();

    public DbSet<JournalCheckpoint> JournalCheckpoints => Set<JournalCheckpoint>();

    /// <summary>
    /// Saves; journal entries being added are sealed into the journal's hash chain first
    /// (<see cref="JournalChain"/>), in the same transaction as the rest of the save — the caller's
    /// transaction if there is one, else one opened here.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var journal = JournalChain.Pending(this);
        if (journal.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await JournalChain.SealAsync(this, journal, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await JournalChain.SealAsync(this, journal, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var journal = JournalChain.Pending(this);
        if (journal.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        JournalChain.SealAsync(this, journal, CancellationToken.None).GetAwaiter().GetResult();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction?.Commit();
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        // One IEntityTypeConfiguration per entity, grouped by aggregate in Data/Configurations/.
        builder.ApplyConfigurationsFromAssembly(typeof(CqpJuryDbContext).Assembly, t => t.Namespace == typeof(Configurations.AuditEntryConfiguration).Namespace);
    }
}
