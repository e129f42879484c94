using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>The journal: append-only audit entries.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.Property(x => x.UserName).HasMaxLength(200);
        e.Property(x => x.Action).HasMaxLength(100).IsRequired();
        e.Property(x => x.Details).HasMaxLength(4000);
        e.HasIndex(x => new { x.SessionId, x.At });
    }
}
