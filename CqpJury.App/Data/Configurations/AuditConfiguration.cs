using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>The journal: append-only audit entries, chained by hash (JournalChain).</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.Property(x => x.UserName).HasMaxLength(200);
        e.Property(x => x.Action).HasMaxLength(100).IsRequired();
        e.Property(x => x.Details).HasMaxLength(4000);
        e.HasIndex(x => new { x.SessionId, x.At });
        e.HasIndex(x => x.Sequence).IsUnique(); // one chain per installation: two appends can never take the same place
        e.HasIndex(x => x.DossierId);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.DetailsSalt).HasMaxLength(32);
        e.Property(x => x.DetailsDigest).HasMaxLength(64);
    }
}

internal sealed class JournalHeadConfiguration : IEntityTypeConfiguration<JournalHead>
{
    public void Configure(EntityTypeBuilder<JournalHead> e)
    {
        e.ToTable("JournalHead");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Hash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class JournalCheckpointConfiguration : IEntityTypeConfiguration<JournalCheckpoint>
{
    public void Configure(EntityTypeBuilder<JournalCheckpoint> e)
    {
        e.ToTable("JournalCheckpoints");
        e.Property(x => x.Hash).HasMaxLength(64).IsRequired();
        e.HasIndex(x => x.Sequence).IsUnique();
    }
}

/// <summary>R16: who read which dossier's personal content, and the refusals (the access history).</summary>
internal sealed class DossierAccessEntryConfiguration : IEntityTypeConfiguration<DossierAccessEntry>
{
    public void Configure(EntityTypeBuilder<DossierAccessEntry> e)
    {
        e.ToTable("DossierAccesses");
        e.Property(x => x.UserName).HasMaxLength(200);
        e.Property(x => x.Place).HasMaxLength(100).IsRequired();
        e.Property(x => x.DocumentLabel).HasMaxLength(300);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.HasIndex(x => new { x.DossierId, x.At });
        e.HasIndex(x => new { x.SessionId, x.At });
        e.HasIndex(x => x.At);
    }
}
