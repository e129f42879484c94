using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CqpJury.App.Data.Configurations;

/// <summary>The deliberation aggregate (R11): one record per dossier and session, and its append-only events.</summary>
internal sealed class DeliberationConfiguration : IEntityTypeConfiguration<DeliberationRecord>
{
    /// <summary>The unique index that keeps a dossier to one signed decision (R12).</summary>
    public const string SignedDecisionIndex = "IX_Deliberations_DossierId_Signed";

    public void Configure(EntityTypeBuilder<DeliberationRecord> e)
    {
        e.ToTable("Deliberations");
        e.HasIndex(x => new { x.SessionId, x.DossierId }).IsUnique();
        // R12: one signed decision per dossier, whatever the session — even when two instances sign at
        // the same moment. A signed row can be neither changed nor deleted (FinalityTriggers).
        e.HasIndex(x => x.DossierId, SignedDecisionIndex).IsUnique().HasFilter("\"SignedAt\" IS NOT NULL");
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
    }
}

internal sealed class DeliberationEventConfiguration : IEntityTypeConfiguration<DeliberationEvent>
{
    public void Configure(EntityTypeBuilder<DeliberationEvent> e)
    {
        e.ToTable("DeliberationEvents");
        e.HasIndex(x => new { x.DeliberationId, x.Version }).IsUnique();
        e.Property(x => x.Payload).HasMaxLength(20000);
    }
}
